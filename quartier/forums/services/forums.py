"""Writes of the forums app: forums."""
