"""Models of the hsds app."""
