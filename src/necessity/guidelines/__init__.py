"""Guideline data files (YAML), read with importlib.resources. No code lives here."""
