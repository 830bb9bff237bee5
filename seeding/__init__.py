"""The association's seed data (``mag.toml``) and the code that loads it."""

from seeding.loader import SEED_FILE, load_seed, read_seed

__all__ = ["SEED_FILE", "load_seed", "read_seed"]
