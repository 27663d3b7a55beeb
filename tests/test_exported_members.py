"""Each package's public API is exactly its ``__all__``."""

from __future__ import annotations

import importlib
import types

import pytest

PACKAGES = ["agora", "agora.models", "agora.reader", "agora.checks", "agora.status"]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_lists_exactly_the_public_members(name: str) -> None:
    module = importlib.import_module(name)
    public = {
        member
        for member, value in vars(module).items()
        if not member.startswith("_")
        and not isinstance(value, types.ModuleType)
        and member != "annotations"
    }
    if hasattr(module, "__version__"):
        public.add("__version__")

    assert set(module.__all__) == public
    assert len(module.__all__) == len(set(module.__all__))


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_has_a_docstring(name: str) -> None:
    assert importlib.import_module(name).__doc__
