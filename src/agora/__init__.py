"""Agora: an epistemic ledger of AI debates.

Read a ledger repository, check it, and derive what it implies::

    from pathlib import Path
    from agora import Settings, validate

    result = validate(Path("my-ledger"), Settings())
    for problem in result.problems:
        print(problem.path, problem.line, problem.code, problem.message)
"""

__version__ = "0.1.0"

from agora.engine import Inspection, Report, inspect, load, validate
from agora.errors import AgoraError
from agora.settings import Settings

__all__ = [
    "AgoraError",
    "Inspection",
    "Report",
    "Settings",
    "__version__",
    "inspect",
    "load",
    "validate",
]
