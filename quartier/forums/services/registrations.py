"""Writes of the forums app: registrations."""
