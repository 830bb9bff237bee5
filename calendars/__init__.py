"""Events to iCalendar, city days and jubilees. No Flask here."""
