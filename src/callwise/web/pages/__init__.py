"""The HTML pages, one module per page (web/app.py includes their routers)."""
