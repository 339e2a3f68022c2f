"""watwerkt.synthesis."""
