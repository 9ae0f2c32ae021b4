"""One module per navigation area; each defines a ``Page`` subclass built from a ``PageContext``."""
