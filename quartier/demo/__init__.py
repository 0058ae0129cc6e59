"""The demo world of Musterstadt and Beispielheim (see DEMO-WORLD.md).

Data lives in plain modules (`musterstadt`, `beispielheim`, `people`) so that later
modules can read and extend it; `loader` writes it into the database. Import the
loader lazily (`from quartier.demo import loader`): it needs the app registry.
"""
