"""The demo world of Musterstadt and Beispielheim (see DEMO-WORLD.md).

Its content lives in `data/*.yaml`; `records` holds the date rules and idempotent
writes, one seeder per module (`forums`, `directory`, …) writes its data file, and
`loader.seed()` runs them in order. Import the loader lazily
(`from quartier.demo import loader`): it needs the app registry.
"""
