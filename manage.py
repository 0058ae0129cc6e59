#!/usr/bin/env python
"""Quartier's command line (the same as the installed `quartier` command)."""

from quartier.manage import main

if __name__ == "__main__":
    main()
