"""Writes of the forums app: notifications."""
