"""Models of the compass app."""
