"""watwerkt.library."""
