"""watwerkt.reflection."""
