"""The API's pydantic models, one module per feature as in web/api/ (common: shared pieces)."""
