"""Benchmarks: `python -m bench [name ...]` runs bench/<name>.py (all by default)."""
