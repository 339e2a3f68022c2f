"""watwerkt.coding."""
