"""/healthz: whether this app server can serve (for the proxy or load balancer)."""
