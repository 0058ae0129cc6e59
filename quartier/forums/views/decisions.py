"""Views of the forums app: decisions."""
