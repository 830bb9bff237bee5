"""Dues: fee schedules, city ledgers, payments, plans, letters, debtors and the dashboard."""
