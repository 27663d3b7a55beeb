"""Fragment ids of record pages: readable, stable for plain titles, unique on the page."""

from __future__ import annotations

import re
from importlib import resources

from agora.models import Position, Section
from agora.site.anchors import PAGE_IDS, Anchors, position_anchors, slug


def _section(title: str, line: int) -> Section:
    return Section(title=title, line=line, text="")


def test_a_plain_title_keeps_the_id_it_always_had() -> None:
    assert slug("Key tensions") == "key-tensions"
    assert slug("Why It Matters") == "why-it-matters"


def test_punctuation_goes_and_letters_of_any_script_stay() -> None:
    assert slug("What's next?") == "what-s-next"
    assert slug("  핵심 쟁점 ") == "핵심-쟁점"
    assert slug("ＡＢＣ (2024)") == "abc-2024"
    assert slug("?!") == ""
    assert slug("हिन्दी परिचय") == "हिन्दी-परिचय"
    assert slug("a -- b") == "a-b"


def test_repeated_and_fixed_names_get_a_number() -> None:
    sections = [
        _section("Notes", 10),
        _section("Notes", 20),
        _section("Timeline", 30),
        _section("?!", 40),
        _section("Notes 2", 50),
    ]
    assert Anchors().sections(sections) == {
        10: "notes",
        20: "notes-2",
        30: "timeline-2",
        40: "section",
        50: "notes-2-2",
    }
    assert Anchors(["open"]).sections([_section("Open", 1)]) == {1: "open-2"}
    assert Anchors().claim("x", ("-title",)) == "x"


def test_positions_keep_their_id_unless_the_page_has_it() -> None:
    positions = [
        Position(claim="a", confidence="low"),
        Position(id="sources", claim="b", confidence="low"),
        Position(id="position-a", claim="c", confidence="low"),
        Position(id="kept", claim="d", confidence="low"),
    ]
    assert position_anchors(positions) == ["position-a", "sources-2", "position-a-2", "kept"]


def test_the_fixed_ids_list_every_id_the_templates_write() -> None:
    templates = resources.files("agora.site") / "templates"
    written = set()
    for template in templates.iterdir():
        if template.name.endswith(".html"):
            written |= set(re.findall(r'\bid="([A-Za-z][\w-]*)"', template.read_text("utf-8")))
    on_record_pages = {
        name for name in written if not name.startswith(("filter", "search", "graph"))
    }
    assert on_record_pages - {"kind", "q", "results", "filters"} <= PAGE_IDS
