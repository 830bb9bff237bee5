"""Officers and governing bodies: compositions on any date, people's offices, nominations."""
