"""The calendar: public page, event pages, feeds, and the office's plan."""
