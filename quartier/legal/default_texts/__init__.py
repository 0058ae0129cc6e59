"""The built-in legal page templates in each interface language (legal/defaults.py chooses)."""
