"""Views of the forums app: registrations."""
