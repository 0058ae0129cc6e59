"""Writes of the forums app: decisions."""
