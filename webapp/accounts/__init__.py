"""A user's own account, forgotten passwords and the administration of accounts."""
