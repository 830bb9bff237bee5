"""Logging in and out, invitations, and the accounts behind them."""
