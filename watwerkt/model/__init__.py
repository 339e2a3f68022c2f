"""The principles model: typed domain objects, no I/O and no statistics."""

__all__: list[str] = []
