"""Rooms of the municipality and its partners: availability, booking requests and approval, never a double booking, calendar feeds."""
