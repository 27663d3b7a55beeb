"""Validation rules: ledger in, problems out (pure, no IO)."""

from agora.checks.run import CheckOptions, check
from agora.checks.sources import normalize_url

__all__ = ["CheckOptions", "check", "normalize_url"]
