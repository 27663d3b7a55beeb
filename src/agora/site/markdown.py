"""Markdown to safe HTML: CommonMark with GitHub's extensions, raw HTML and unsafe links off."""

from __future__ import annotations

import re

import cmarkgfm
from cmarkgfm.cmark import Options
from markupsafe import Markup

__all__ = ["render_markdown", "strip_markdown"]

_OPTIONS = Options.CMARK_OPT_SMART | Options.CMARK_OPT_VALIDATE_UTF8
_OMITTED = re.compile(r"<!-- raw HTML omitted -->")
_HEADING = re.compile(r"<h([1-6])>")
_PLAIN = re.compile(r"\]\([^)]*\)|[*_`#>\[\]]")


def render_markdown(text: str, *, shift_headings: int = 0) -> Markup:
    """``text`` as HTML. Raw HTML in the source is dropped and ``javascript:`` links are
    emptied (cmark's safe mode); headings can be shifted down a level or more so that a
    record's ``###`` sits under the page's ``##``."""
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=_OPTIONS)
    html = _OMITTED.sub("", html)
    if shift_headings:
        html = _HEADING.sub(lambda m: f"<h{min(int(m.group(1)) + shift_headings, 6)}>", html)
        html = re.sub(
            r"</h([1-6])>", lambda m: f"</h{min(int(m.group(1)) + shift_headings, 6)}>", html
        )
    return Markup(html)


def strip_markdown(text: str, limit: int = 0) -> str:
    """Plain text of a Markdown snippet (for summaries, feeds and meta descriptions)."""
    plain = " ".join(_PLAIN.sub("", text).split())
    if limit and len(plain) > limit:
        cut = plain[: limit - 1].rsplit(" ", 1)[0]
        return cut.rstrip(" ,;:.–—-") + "…"
    return plain
