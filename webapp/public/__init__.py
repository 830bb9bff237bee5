"""The pages anyone may read: home, the member cities, a city."""
