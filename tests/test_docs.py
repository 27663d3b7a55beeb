"""Documentation covers every problem code, command and setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from agora.cli import app
from agora.models import CODES
from agora.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_problem_code_has_a_section_with_its_name_and_severity() -> None:
    text = (DOCS / "errors.md").read_text("utf-8")
    documented = dict(re.findall(r"^### ([A-Z]\d{3}) `[a-z0-9-]+` \((\w+)\)$", text, re.M))

    assert set(documented) == set(CODES)
    for code, info in CODES.items():
        assert f"### {code} `{info.name}` ({info.severity.value})" in text
        assert f'<a id="{code.lower()}"></a>' in text


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    names = [prefix + (c.name or c.callback.__name__) for c in group.registered_commands]  # type: ignore[union-attr]
    for sub in group.registered_groups:
        names += _commands(sub.typer_instance, f"{prefix}{sub.name} ")  # type: ignore[arg-type]
    return names


@pytest.mark.parametrize("command", _commands(app))
def test_every_command_is_documented(command: str) -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    top = command.split()[0]

    assert f"## `agora {top}" in text
    if " " in command:
        assert f"| `{command.split()[1]}` |" in text


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    assert f"`AGORA_{name.upper()}`" in (DOCS / "cli.md").read_text("utf-8")


def test_readme_starts_with_what_agora_is_and_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text("utf-8")

    assert readme.startswith("# Agora\n")
    assert "python3 tasks.py demo" in readme
    assert "python3 tasks.py test" in readme
