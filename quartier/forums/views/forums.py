"""Views of the forums app: forums."""
