"""watwerkt.render."""
