"""Views of the forums app: meetings."""
