"""Sessions of the Assembly: their decisions, drafted, adopted, signed and controlled."""
