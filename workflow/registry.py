"""Importing this module registers every workflow of the application.

Each workflow module calls ``engine.register`` at import; add new modules here.
"""

import importlib

WORKFLOW_MODULES: list[str] = [
    "workflow.admission", "workflow.appointments", "workflow.execution", "workflow.arrears",
]

for _name in WORKFLOW_MODULES:
    importlib.import_module(_name)
