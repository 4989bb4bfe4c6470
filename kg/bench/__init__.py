"""Benchmarks of kg's stages (run as ``python -m kg.bench.<name>``)."""
