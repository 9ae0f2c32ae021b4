"""Pure rules: no Qt, no database session."""
