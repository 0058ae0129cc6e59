"""Writes of the forums app: meetings."""
