"""Validation rules: ledger in, problems out (pure, no IO)."""

from agora.checks.run import CheckOptions, check, check_document, check_graph, check_ledger
from agora.checks.sources import normalize_url

__all__ = [
    "CheckOptions",
    "check",
    "check_document",
    "check_graph",
    "check_ledger",
    "normalize_url",
]
