"""Writes of the forums app, one module per area (forums, meetings, registrations, decisions, notifications)."""
