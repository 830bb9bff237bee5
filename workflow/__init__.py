"""The workflow engine and one module per workflow."""
