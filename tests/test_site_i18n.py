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

from .sitecheck import pages, shared_titles, titles

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "src" / "agora" / "site" / "locale" / "ko" / "LC_MESSAGES" / "messages.po"
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")
# A message key left in a page looks like 'BlogComments.title'; a template left unfilled
# shows '%(name)s', '{{ … }}' or '{% … %}'.
_RAW_KEY = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\.[a-z][A-Za-z]+\b")
_LEFTOVER = re.compile(r"%\([a-z_]+\)s|\{\{|\{%|\bNone\b|\bUndefined\b")


def _source_messages() -> set[str]:
    """Every message of the interface: templates, vocabulary labels and status reasons."""
    method_map = [
        ("site/labels.py", "python"),
        ("status/reasons.py", "python"),
        ("site/templates/**.html", "jinja2"),
    ]
    options = {"site/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT / "src" / "agora"),
        method_map,
        options,
        keywords={
            "_": None,
            "N_": None,
            "N_plural": (1, 2),
            "gettext": None,
            "ngettext": (1, 2),
        },
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_interface_messages_include_templates_labels_and_reasons() -> None:
    found = _source_messages()

    assert "Skip to content" in found  # a template
    assert "High confidence" in found  # a vocabulary label
    assert "{count} interpretation cannot corroborate on its own." in found  # a reason


def _catalog() -> Catalog:
    with CATALOG.open("rb") as handle:
        return read_po(handle, locale="ko_KR")


def test_every_interface_message_has_a_korean_translation() -> None:
    catalog = _catalog()
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0]): m.string
        for m in catalog
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }

    missing = sorted(_source_messages() - set(translated))
    assert missing == [], (
        "see docs/translating.md: pybabel extract -F babel.cfg -k N_ -k N_plural:1,2 …"
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


def test_every_page_has_a_title_of_its_own_in_its_language(site: Path) -> None:
    found = titles(site)
    english, korean = found["en"], found["ko"]

    assert shared_titles(site) == []
    assert "Timeline · Agora" in english
    assert "Category: Policy · Agora" in english
    assert "분류: 정책 · Agora" in korean
    assert "High confidence · Agora" in english
    assert "검색 · Agora" in korean
    assert "Search · Agora" not in korean
    assert len(english) == len(korean)


def test_a_reason_about_one_thing_is_in_the_singular_on_pages(site: Path) -> None:
    text = " ".join(p.read_text("utf-8") for p in pages(site) if "/ko/" not in str(p))

    assert "1 interpretation cannot corroborate on its own." in text
    assert "1 interpretations" not in text
