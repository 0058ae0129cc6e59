"""Views of the support app: the Quartiers-Check (check.py), the support offers and
the process guide (offers.py)."""
