"""Models of the directory app."""
