"""Settings: one typed model with defaults and help text, read from ``AGORA_*`` variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agora.errors import SettingsError
from agora.models.fields import IsoDate

__all__ = ["Settings"]


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "agora"


class Settings(BaseModel):
    """Every setting, its default and what it does. ``AGORA_<NAME>`` sets each one."""

    model_config = ConfigDict(frozen=True)

    cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        description=(
            "Where parsed files and compiled templates are kept (default: $XDG_CACHE_HOME/agora)."
        ),
    )
    no_cache: bool = Field(
        default=False, description="Disable the caches: parse every file, compile every template."
    )
    max_file_bytes: int = Field(
        default=2 * 1024 * 1024, gt=0, description="Largest content file read, in bytes."
    )
    future_grace_days: int = Field(
        default=2, ge=0, description="Days a date may lie after today before it is an error."
    )
    today: IsoDate | None = Field(
        default=None, description="Date to treat as today (YYYY-MM-DD); default: the clock."
    )
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        gt=0,
        description="Processes used to parse large ledgers and to render large sites.",
    )
    challenge_window_days: int = Field(
        default=90,
        ge=1,
        le=3650,
        description="Days after publication during which a claim's challenge window is open.",
    )
    debug: bool = Field(default=False, description="Show a traceback on an internal error.")
    base_url: str = Field(
        default="http://127.0.0.1:8000",
        pattern=r"^https?://[^\s/]+(/[^\s]*)?$",
        description="Public address of the site, for feeds, sitemaps and canonical links.",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every ``AGORA_*`` variable; unknown ones are ignored.

        Raises:
            SettingsError: a variable's value cannot be used.
        """
        environ = os.environ if environ is None else environ
        values = {
            name: environ[f"AGORA_{name.upper()}"]
            for name in cls.model_fields
            if f"AGORA_{name.upper()}" in environ
        }
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = f"AGORA_{str(first['loc'][0]).upper()}"
            raise SettingsError(
                f"{name}={environ.get(name, '')!r}: {first['msg']}",
                hint=f"{cls.model_fields[str(first['loc'][0])].description} "
                "Unset it or give a valid value.",
            ) from None

    def current_date(self) -> date:
        """``today`` if set, else the clock's date."""
        return self.today or date.today()
