"""Interface text: every message translated, no raw key or placeholder on any page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from agora.engine import build
from agora.settings import Settings

from .sitecheck import pages

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "src" / "agora" / "site" / "locale" / "ko" / "LC_MESSAGES" / "messages.po"
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")
# A message key left in a page looks like 'BlogComments.title'; a template left unfilled
# shows '%(name)s', '{{ … }}' or '{% … %}'.
_RAW_KEY = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\.[a-z][A-Za-z]+\b")
_LEFTOVER = re.compile(r"%\([a-z_]+\)s|\{\{|\{%|\bNone\b|\bUndefined\b")


def _source_messages() -> set[str]:
    method_map = [("**/labels.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT / "src" / "agora" / "site"),
        method_map,
        options,
        keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog() -> Catalog:
    with CATALOG.open("rb") as handle:
        return read_po(handle, locale="ko_KR")


def test_every_interface_message_has_a_korean_translation() -> None:
    catalog = _catalog()
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0]): m.string
        for m in catalog
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }

    missing = sorted(_source_messages() - set(translated))
    assert missing == [], (
        "run: pybabel extract -F babel.cfg -k N_ -o /tmp/messages.pot . && pybabel update ..."
    )


def test_translations_keep_their_placeholders() -> None:
    for message in _catalog():
        if not message.id:
            continue
        ids = [str(part) for part in _parts(message.id)]
        wanted = sorted(set(_PLACEHOLDER.findall(ids[-1])))
        for string in _parts(message.string):
            assert sorted(set(_PLACEHOLDER.findall(str(string)))) == wanted, message.id


def _parts(value: object) -> list[object]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import SAMPLE, TODAY

    out = tmp_path_factory.mktemp("site")
    cache = tmp_path_factory.mktemp("cache")
    build(SAMPLE, out, Settings(today=TODAY, cache_dir=cache, workers=1))
    return out


def test_no_page_shows_a_raw_key_or_an_unfilled_placeholder(site: Path) -> None:
    for page in pages(site):
        tree = HTMLParser(page.read_text("utf-8"))
        for node in tree.css("script, style"):
            node.decompose()
        body = tree.body
        text = body.text(separator=" ") if body is not None else ""
        assert not _RAW_KEY.findall(text), (page, _RAW_KEY.findall(text)[:3])
        assert not _LEFTOVER.findall(text), (page, _LEFTOVER.findall(text)[:3])


def test_korean_pages_are_in_korean(site: Path) -> None:
    home = HTMLParser((site / "ko" / "index.html").read_text("utf-8"))
    navigation = home.css_first("nav.sitenav")

    assert navigation is not None
    assert "Timeline" not in navigation.text()
    assert "연표" in navigation.text()
