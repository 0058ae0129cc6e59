"""Models of the rooms app."""
