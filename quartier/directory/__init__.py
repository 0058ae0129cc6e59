"""The directory of health and social offerings and meeting places: search, map, overlaps and gaps, printable directories."""
