"""One Jinja environment per interface language, with the site's filters and catalogs."""

from __future__ import annotations

import hashlib
import io
import shutil
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import BuiltinMethodType, CodeType, FunctionType, MethodType
from typing import Any

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context, Macro
from jinja2.utils import internalcode
from markupsafe import Markup

from agora.models import Kind, position_letter
from agora.site.jsonld import script
from agora.site.labels import LABELS
from agora.site.markdown import render_markdown, strip_markdown
from agora.site.urls import DEFAULT_LANGUAGE, LANGUAGES, facet_path, tag_slug, url
from agora.status.dimensions import Reason
from agora.status.reasons import Plural

__all__ = ["Renderer", "asset", "translations"]

_LOCALES = {"en": "en_US", "ko": "ko_KR"}


@cache
def translations(language: str) -> NullTranslations:
    """The message catalog of ``language`` (English is the catalog's source language)."""
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    source = resources.files("agora.site") / "locale" / language / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=_LOCALES[language])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


class Renderer:
    """Renders templates in every interface language.

    A renderer belongs to one site model: fragments that are the same on every page (the
    browse rail, the key) are rendered once per language with ``once`` and kept.
    """

    def __init__(
        self,
        languages: tuple[str, ...] = LANGUAGES,
        compiled: Path | None = None,
        *,
        served: bool = False,
    ) -> None:
        """``compiled`` is a folder where compiled templates are kept across runs, as
        Python keeps its bytecode (None: compile them in memory each run). ``served`` pages
        are answered by ``agora serve``, so forms that need a server may show without
        script (templates see it as ``served``)."""
        self.languages = languages
        self._environments = {
            language: _environment(language, CompiledTemplates(compiled, language))
            for language in languages
        }
        for environment in self._environments.values():
            environment.globals["once"] = _once()
            environment.globals["served"] = served
            # The macros as a global (``m``), made once: a template that imports them makes
            # Jinja compare its globals with theirs on every render.
            environment.globals["m"] = environment.get_template("macros.html").module

    def compile_all(self) -> None:
        """Compile every template in every language now (before forking workers, so that
        each inherits them instead of compiling its own)."""
        for environment in self._environments.values():
            for name in environment.list_templates(extensions=["html"]):
                environment.get_template(name)

    def render(self, language: str, template: str, context: dict[str, Any]) -> str:
        """The page ``template`` filled with ``context``, in ``language``."""
        environment = self._environments[language]
        return environment.get_template(template).render(context)


class CompiledTemplates(BytecodeCache):
    """A language's compiled templates, kept in memory and, given a folder, there across
    runs. Each language has its own: Jinja folds constant expressions (a label of a fixed
    value) into the compiled code, so code compiled for one language is wrong for another.

    The folder's name covers Jinja's version, Agora's source, the templates and the catalogs
    (see ``engine.compiled_templates``), so code compiled from anything else is never
    loaded; within it, Jinja still checks each template's digest before using its code."""

    def __init__(self, folder: Path | None, language: str) -> None:
        self._kept: dict[tuple[str, str], CodeType] = {}
        self._disk: FileSystemBytecodeCache | None = None
        if folder is not None:
            try:
                if not folder.is_dir():
                    folder.mkdir(parents=True, exist_ok=True)
                    _prune(folder)
            except OSError:
                return  # an unwritable cache only costs the compiling
            self._disk = FileSystemBytecodeCache(str(folder), f"{language}-%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._kept.get((bucket.key, bucket.checksum))
        if code is None and self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)
            except Exception:  # a damaged file is compiled again, never an error
                bucket.reset()
            code = bucket.code
            if code is not None:
                self._kept[bucket.key, bucket.checksum] = code
        bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is None:  # pragma: no cover - Jinja dumps only compiled code
            return
        self._kept[bucket.key, bucket.checksum] = bucket.code
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:
                self._disk = None


@cache
def asset(name: str) -> str:
    """The address of the static file ``name`` with a digest of its bytes, so that a browser
    holding an older copy fetches the new one after an upgrade."""
    data = (resources.files("agora.site") / "static" / name).read_bytes()
    return f"/static/{name}?v={hashlib.blake2b(data, digest_size=4).hexdigest()}"


_KEPT_VERSIONS = 3
"""Folders of compiled templates kept beside the current one's (other Agora versions)."""


def _prune(current: Path) -> None:
    """Remove the oldest folders of compiled templates beside ``current``."""
    others = [folder for folder in current.parent.iterdir() if folder != current]
    others.sort(key=lambda folder: folder.stat().st_mtime_ns, reverse=True)
    for folder in others[_KEPT_VERSIONS:]:
        shutil.rmtree(folder, ignore_errors=True)


def _once() -> Callable[..., Markup]:
    kept: dict[str, Markup] = {}

    def once(key: str, macro: Callable[..., str], *args: Any) -> Markup:
        """``macro(*args)``, rendered the first time ``key`` is asked for and kept."""
        if key not in kept:
            kept[key] = Markup(macro(*args))
        return kept[key]

    return once


class _Context(Context):
    """Jinja's template context, calling macros and plain functions straight away.

    Jinja's ``call`` asks every callable, on every call, whether it wants the context, the
    environment or the evaluation context passed first (two attribute lookups, three with
    a bound method): a tenth of the time spent rendering a page. Here a macro is given the
    evaluation context, as Jinja gives it; a function (or a method of one) that carries no
    ``jinja_pass_arg`` and a method of a built-in type are called as they are. Everything
    else goes through Jinja's ``call``."""

    @internalcode
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        kind = type(__obj)
        if kind is Macro:
            args = (__self.eval_ctx, *args)
        elif kind is not BuiltinMethodType:
            function = __obj.__func__ if kind is MethodType else __obj  # type: ignore[attr-defined]
            if type(function) is not FunctionType or "jinja_pass_arg" in function.__dict__:
                return Context.call(__self, __obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


@lru_cache(maxsize=64)
def _markdown(text: str, *, shift_headings: int = 0) -> Markup:
    """A record's Markdown as HTML, kept while the page is rendered in its other languages
    (the HTML does not depend on the language)."""
    return render_markdown(text, shift_headings=shift_headings)


def _kept_gettext(catalog: NullTranslations) -> Callable[..., Markup]:
    """Jinja's new-style ``gettext`` (escaped, ``%(name)s`` filled with escaped values), with
    each message looked up once: a page asks for the same few dozen messages."""
    kept: dict[str, Markup] = {}

    def gettext(message: str, **variables: Any) -> Markup:
        text = kept.get(message)
        if text is None:
            text = kept[message] = Markup(catalog.gettext(message))
        return text % variables

    return gettext


def _environment(language: str, compiled: BytecodeCache) -> Environment:
    environment = Environment(
        loader=PackageLoader("agora.site", "templates"),
        bytecode_cache=compiled,
        auto_reload=False,  # templates are part of the installed package: never re-stat them
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.context_class = _Context
    gettext = translations(language)
    environment.install_gettext_translations(gettext, newstyle=True)  # type: ignore[attr-defined]
    environment.globals["_"] = environment.globals["gettext"] = _kept_gettext(gettext)
    locale = _LOCALES[language]

    vocabulary = {
        name: {value: gettext.gettext(text) for value, text in names.items()}
        for name, names in LABELS.items()
    }

    def label(value: object, name: str) -> str:
        text = str(getattr(value, "value", value))
        shown = vocabulary.get(name, {}).get(text)
        if shown:
            return shown
        return text.removesuffix("_id").replace("-", " ").replace("_", " ")

    @cache
    def long_date(value: date | str | None, form: str = "long") -> str:
        if isinstance(value, str):  # an ISO date, as git gives it
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return value
            return format_date(day, form, locale=locale)
        return "" if value is None else format_date(value, form, locale=locale)

    def reason_text(item: Reason) -> str:
        template = item.template
        if isinstance(template, Plural):
            return item.message(gettext.ngettext(template.singular, template.plural, item.number))
        return item.message(gettext.gettext(template))

    @cache
    def number(value: int) -> str:
        return format_decimal(value, locale=locale)

    def in_language(path: str) -> str:
        return url(path, language)

    environment.filters.update(
        letter=position_letter,
        tag_slug=tag_slug,
        md=_markdown,
        plain=strip_markdown,
        label=label,
        longdate=long_date,
        number=number,
        reason=reason_text,
        iso=lambda value: value.isoformat() if value else "",
    )
    environment.globals.update(
        kind_labels={kind.value: label(kind.value, "kind") for kind in Kind},
        vocabulary=vocabulary,
        url=in_language,
        facet_path=facet_path,
        language=language,
        languages=LANGUAGES,
        default_language=DEFAULT_LANGUAGE,
        Markup=Markup,
        kinds=Kind,
        json_ld_script=script,
        asset=asset,
    )
    return environment
