"""The generic workflow panel, its routes, the inbox and the workflows' public pages."""
