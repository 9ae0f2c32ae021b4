"""年终考核 (精准化考核): indicators, weights, adjustments, ballots, surveys, results."""
