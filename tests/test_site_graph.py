"""The graph page as the build writes it: its legend needs no script and speaks the page's
language."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from agora.engine import build
from agora.settings import Settings
from agora.site.labels import LABELS
from agora.site.render import translations


def test_the_legend_names_and_counts_each_kind_drawn_in_the_page_language(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    build(sample, tmp_path / "site", settings)
    for language, folder in (("en", ""), ("ko", "ko/")):
        tree = HTMLParser((tmp_path / "site" / folder / "graph" / "index.html").read_text("utf-8"))
        graph_data = tree.css_first("#graph-data")
        assert graph_data is not None
        drawn = Counter(node["kind"] for node in json.loads(graph_data.text())["nodes"])
        names = translations(language)
        legend = [
            (
                item.css(".swatch")[0].attributes.get("class"),
                item.text(deep=False).strip(),
                item.css(".count")[0].text(),
            )
            for item in tree.css("figure .graph-legend li")
        ]

        assert legend == [
            (f"swatch kind-{kind}", names.gettext(LABELS["kinds"][kind]), str(drawn[kind]))
            for kind in ("thread", "controversy", "event", "actor", "group")
        ], language
