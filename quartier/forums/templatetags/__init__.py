"""Template tags of the forums app."""
