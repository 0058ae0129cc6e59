"""Views of the hsds app: the read API (api.py) and the import pages (imports.py)."""
