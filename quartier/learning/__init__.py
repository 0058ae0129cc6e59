"""Learning loops; for now the time spent on relationship work (time entries) made visible."""
