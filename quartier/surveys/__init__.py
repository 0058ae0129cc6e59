"""Surveys built by coordinators and answered anonymously; part of the Beteiligung module."""
