"""Benchmarks: ``uv run python -m benchmarks --scale 100`` prints one JSON object per figure."""
