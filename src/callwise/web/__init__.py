"""The web app and REST API: `callwise serve` (issue 7)."""
