"""The built site in real Chromium: accessible, keyboard-usable, narrow-safe, calm, printable,
and its search and timeline scripts work."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agora.engine import build
from agora.settings import Settings

from .browser import CHROMIUM_ARGS, chromium, serve, watching
from .conftest import SAMPLE, TODAY

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

# The sample ledger has no lifecycle records, so the built copy gets one challenge.
CHALLENGE = """\
---
id: llama-licence-overstated
target_claim_id: meta-releases-llama-2
allegations: [overstatement]
status: open
opened_at: "2024-02-01"
opened_by: sample-reviewer
---

## Summary

The event calls the licence open; the challenge says its use limits make that an overstatement.
"""

PAGES = {
    "home": "/",
    "explorer": "/events/",
    "event": "/events/meta-releases-llama-2/",
    "thread": "/threads/open-weights-access-and-risk/",
    "controversy": "/controversies/open-weight-models-access-vs-proliferation/",
    "actor": "/actors/meta-ai/",
    "group": "/groups/open-source-community/",
    "post": "/posts/four-questions-inside-the-open-weights-debate/",
    "lifecycle": "/challenges/llama-licence-overstated/",
    "index": "/actors/",
    "facets": "/tags/",
    "tag": "/tags/llama/",
    "category": "/categories/policy/",
    "search": "/search/",
    "graph": "/graph/",
    "about": "/about/",
    "404": "/no-such-page/",
    "korean": "/ko/controversies/open-weight-models-access-vs-proliferation/",
    "synthesis": "/syntheses/open-weights-2023-2025/",
    "analyst": "/controversies/open-weight-models-access-vs-proliferation/#analyst",
    "auditor": "/events/meta-releases-llama-2/#auditor",
}
KINDS = list(PAGES)
UNTARGETED = [kind for kind in KINDS if "#" not in PAGES[kind]]
"""Pages opened at the top (at a #target, the first Tab starts from the target)."""
NARROW = 375


@pytest.fixture(scope="module")
def executable() -> str:
    """The Chromium binary; skips (or fails under AGORA_REQUIRE_BROWSER=1) when absent."""
    return chromium()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, executable: str) -> Iterator[str]:
    """The sample ledger (plus one challenge), built once and served over HTTP."""
    root = tmp_path_factory.mktemp("browser")
    ledger = root / "ledger"
    shutil.copytree(SAMPLE, ledger)
    (ledger / "content" / "challenges" / "llama-licence-overstated.md").write_text(
        CHALLENGE, "utf-8"
    )
    build(ledger, root / "site", Settings(today=TODAY, cache_dir=root / "cache", workers=1))
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser(executable: str) -> Iterator[Browser]:
    """One headless Chromium for the whole module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _window(browser: Browser, base_url: str, **options: Any) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


# One reused tab per kind of window: opening a tab costs more than loading a page.
@pytest.fixture(scope="module")
def desktop(browser: Browser, base_url: str) -> Iterator[Page]:
    """A tab in a 1280 × 900 window."""
    yield from _window(browser, base_url, viewport={"width": 1280, "height": 900})


@pytest.fixture(scope="module")
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    """A tab in a 375 px wide window, the narrowest common phone."""
    yield from _window(browser, base_url, viewport={"width": NARROW, "height": 740})


@pytest.fixture(scope="module")
def calm(browser: Browser, base_url: str) -> Iterator[Page]:
    """A tab in a window whose reader asked for reduced motion."""
    yield from _window(
        browser, base_url, viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )


@pytest.fixture
def page(desktop: Page) -> Iterator[Page]:
    """A fresh tab in the desktop window, for tests that click, type and go back."""
    tab = desktop.context.new_page()
    yield tab
    tab.close()


def _visit(tab: Page, kind: str) -> Page:
    tab.goto(PAGES[kind], wait_until="load")
    return tab


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_serious_or_critical_violation(desktop: Page, kind: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(_visit(desktop, kind)).response

    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)


@pytest.mark.parametrize("kind", UNTARGETED)
def test_first_tab_focuses_a_visible_skip_link_to_the_content(desktop: Page, kind: str) -> None:
    tab = _visit(desktop, kind)
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        """() => {
          const el = document.activeElement;
          const href = el.getAttribute("href") || "";
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return {
            skip: el.classList.contains("skip-link"),
            target: href.startsWith("#") && !!document.getElementById(href.slice(1)),
            outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            shadow: style.boxShadow !== "none",
            onScreen: box.top >= 0 && box.bottom <= innerHeight && box.width > 0,
          };
        }"""
    )
    tab.keyboard.press("Enter")
    landed = tab.evaluate("document.activeElement.id")

    assert focused["skip"], focused
    assert focused["target"], focused
    assert focused["outline"] or focused["shadow"], focused
    assert focused["onScreen"], focused
    assert landed == "main"


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_overflows_a_375_pixel_screen(phone: Page, kind: str) -> None:
    tab = _visit(phone, kind)
    wide = tab.evaluate(
        """() => [...document.querySelectorAll("body *")]
          .filter(el => el.getBoundingClientRect().right > innerWidth + 1
                        && !el.closest(".table-scroll, .visually-hidden"))
          .slice(0, 5).map(el => el.tagName.toLowerCase() + "." + el.className)"""
    )
    width = tab.evaluate("document.documentElement.scrollWidth")

    assert width <= NARROW, f"scrollWidth {width}; too wide: {wide}"


@pytest.mark.parametrize("kind", KINDS)
def test_reduced_motion_stills_transitions_and_smooth_scrolling(calm: Page, kind: str) -> None:
    tab = _visit(calm, kind)
    moving = tab.evaluate(
        """() => {
          const seconds = value => Math.max(...value.split(",").map(v => parseFloat(v) || 0));
          const found = [];
          for (const el of [document.body, ...document.querySelectorAll("a, button, input")]) {
            const s = getComputedStyle(el);
            if (seconds(s.transitionDuration) > 0.01 || seconds(s.animationDuration) > 0.01) {
              found.push(el.tagName + " " + s.transitionDuration + " " + s.animationDuration);
            }
          }
          for (const el of [document.documentElement, document.body]) {
            if (getComputedStyle(el).scrollBehavior === "smooth") { found.push("smooth scroll"); }
          }
          return found.slice(0, 5);
        }"""
    )

    assert moving == []


@pytest.mark.parametrize("kind", KINDS)
def test_print_hides_navigation_and_search(desktop: Page, kind: str) -> None:
    tab = _visit(desktop, kind)
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """() => [...document.querySelectorAll(
              "nav:not(main nav), aside:not(main aside), form[role=search], .skip-link, .filters")]
          .filter(el => el.checkVisibility())
          .map(el => el.tagName.toLowerCase() + "." + el.className)"""
    )
    main_shown = tab.evaluate("document.querySelector('main').checkVisibility()")
    tab.emulate_media(media="screen")

    assert shown == []
    assert main_shown


@pytest.mark.parametrize("kind", KINDS)
def test_page_loads_without_errors_and_screenshots(
    desktop: Page, phone: Page, base_url: str, kind: str
) -> None:
    folder = os.environ.get("AGORA_SCREENSHOTS")
    for tab in (desktop, phone):
        with watching(tab, base_url, document=base_url + PAGES[kind]) as errors:
            _visit(tab, kind)
            if folder:
                width = tab.viewport_size["width"] if tab.viewport_size else 0
                Path(folder).mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(Path(folder) / f"{kind}-{width}.png"), full_page=True)

        assert errors.errors == [], (tab.viewport_size, errors.errors)


def _rows(tab: Page) -> list[str]:
    hrefs: list[str] = tab.eval_on_selector_all(
        "#search-results li > a", "links => links.map(a => a.getAttribute('href'))"
    )
    return hrefs


def _fewer(tab: Page, selector: str, than: int) -> None:
    tab.wait_for_function(
        "([selector, n]) => { const k = document.querySelectorAll(selector).length;"
        " return k > 0 && k < n; }",
        arg=[selector, than],
    )


def test_search_finds_events_filters_by_kind_and_keeps_the_query(page: Page, base_url: str) -> None:
    with watching(page, base_url) as errors:
        page.goto("/search/")
        page.fill("#q", "llama")
        page.wait_for_selector("#search-results li > a")
        every = _rows(page)
        url = page.url
        page.select_option("#kind", "thread")
        _fewer(page, "#search-results li > a", len(every))
        threads = _rows(page)

    assert any(href.startswith("/events/") for href in every), every
    assert url.endswith("/search/?q=llama")
    assert threads
    assert all(href.startswith("/threads/") for href in threads), threads
    assert page.url.endswith("/search/?q=llama&kind=thread")
    assert errors.errors == []


def test_search_reads_the_query_from_the_address_in_korean(page: Page) -> None:
    page.goto("/ko/search/?q=llama")
    page.wait_for_selector("#search-results li > a")

    assert all(href.startswith("/ko/") for href in _rows(page))
    assert page.input_value("#q") == "llama"


def _entries(tab: Page) -> list[str]:
    hrefs: list[str] = tab.eval_on_selector_all(
        "#results .entry-row > a", "links => links.map(a => a.getAttribute('href'))"
    )
    return hrefs


def test_explorer_filters_by_facet_keeps_state_in_the_address_and_goes_back(
    page: Page, base_url: str
) -> None:
    rows = "#results .entry-row"
    with watching(page, base_url) as errors:
        page.goto("/events/")
        everything = _entries(page)

        page.check("[data-facet=category] input[value=policy]")
        page.wait_for_url("**/events/?category=policy")
        _fewer(page, rows, len(everything))
        policy = _entries(page)
        categories = page.eval_on_selector_all(
            "#results .entry-category", "spans => spans.map(s => s.className)"
        )

        page.check("[data-facet=significance] input[value=landmark]")
        page.wait_for_url("**/events/?category=policy&significance=landmark")
        _fewer(page, rows, len(policy))

        page.go_back()
        page.wait_for_url("**/events/?category=policy")
        page.wait_for_function(f"document.querySelectorAll('{rows}').length === {len(policy)}")
        back_once = _entries(page)
        landmark_checked = page.is_checked("[data-facet=significance] input[value=landmark]")
        policy_checked = page.is_checked("[data-facet=category] input[value=policy]")

        page.go_back()
        page.wait_for_url("**/events/")
        page.wait_for_function(f"document.querySelectorAll('{rows}').length === {len(everything)}")
        back_twice = _entries(page)

    assert 0 < len(policy) < len(everything)
    assert set(categories) == {"entry-category cat-policy"}
    assert back_once == policy
    assert not landmark_checked
    assert policy_checked
    assert back_twice == everything
    assert not page.is_checked("[data-facet=category] input[value=policy]")
    assert errors.errors == []


def test_reading_modes_switch_without_script_and_come_back(page: Page, base_url: str) -> None:
    controversy = "/controversies/open-weight-models-access-vs-proliferation/"
    with watching(page, base_url) as errors:
        page.goto(controversy)
        reader = (page.is_visible("#analyst"), page.is_visible("#auditor"))
        badges = page.locator(".position .badge-status").all_inner_texts()
        revised = page.is_visible(".revised .revision-note")
        original = page.is_visible(".revised details.original > :not(summary)")

        page.click(".modes >> text=Analyst")
        page.wait_for_url("**#analyst")
        analyst = (page.is_visible("#analyst"), page.is_visible("#auditor"))
        dimensions = page.locator("#analyst .status-card").first.locator("dt").all_inner_texts()

        page.click(".modes >> text=Auditor")
        page.wait_for_url("**#auditor")
        auditor = (page.is_visible("#analyst"), page.is_visible("#auditor"))
        records = page.locator("#auditor a").all_inner_texts()

        page.go_back()
        page.wait_for_url("**#analyst")
        back = page.is_visible("#analyst")

    assert errors.errors == []
    assert reader == (False, False)
    assert [b.lower() for b in badges] == ["single source"] * 3 + ["corrected"]
    assert revised
    assert not original
    assert analyst == (True, False)
    assert dimensions == [
        "Publication",
        "Contestation",
        "Evidence",
        "Editorial",
        "Consensus",
        "Temporal",
    ]
    assert auditor == (False, True)
    assert {"governance-position-overstated", "governance-status-revised"} <= set(records)
    assert back


def test_the_language_switch_keeps_the_query_and_the_anchor(page: Page) -> None:
    page.goto("/search/?q=mistral")
    page.wait_for_selector("#search-results li > a")
    page.click("nav.languages a[hreflang=ko]", button="middle")  # opens a tab, stays here
    page.fill("#q", "llama")
    page.wait_for_url("**/search/?q=llama")
    page.click("nav.languages a[hreflang=ko]")
    page.wait_for_url("**/ko/search/?q=llama")
    page.wait_for_selector("#search-results li > a")
    searched = page.input_value("#q")
    page.goto(PAGES["analyst"])
    page.click("nav.languages a[hreflang=ko]")
    page.wait_for_url("**/ko/controversies/open-weight-models-access-vs-proliferation/#analyst")
    page.click("nav.languages a[hreflang=en]")
    page.wait_for_url("**/controversies/open-weight-models-access-vs-proliferation/#analyst")

    assert searched == "llama"
    assert "/ko/" not in page.url


def _many_records(count: int) -> dict[str, list[dict[str, str]]]:
    """A graph shaped like a real ledger's, ``count`` nodes in all: a few threads and
    controversies that gather many links, events linked to them and to actors, and two
    actors linked to nothing."""
    sizes = {"thread": max(1, count // 20), "controversy": max(1, count // 60)}
    sizes["event"] = count * 11 // 20
    sizes["actor"] = count - sum(sizes.values())
    ids = {kind: [f"{kind}:{kind}-{i}" for i in range(n)] for kind, n in sizes.items()}
    threads, actors = ids["thread"], ids["actor"][:-2]
    links = set()
    for i, event in enumerate(ids["event"]):
        links |= {(event, threads[i % len(threads)]), (threads[i * 7 % len(threads)], event)}
        links |= {(event, actors[(i * 13 + j * 5) % len(actors)]) for j in range(1 + i % 3)}
        if i % 4 == 0 and i:
            links.add((event, ids["event"][i // 2]))
    for i, controversy in enumerate(ids["controversy"]):
        links.add((controversy, threads[i % len(threads)]))
        links |= {(controversy, actors[(i * 3 + j) % len(actors)]) for j in range(4)}
    return {
        "nodes": [
            {"id": node, "kind": kind, "label": node, "path": "/"}
            for kind, nodes in ids.items()
            for node in nodes
        ],
        "links": [{"source": s, "target": t} for s, t in sorted(links)],
    }


def _draw_graph(tab: Page, data: dict[str, Any] | None = None) -> list[dict[str, float]]:
    """Open the graph page (its data replaced by ``data``) and return each node's centre,
    radius and shape once the layout has settled."""
    if data is not None:
        marker = '<script id="graph-data" type="application/json">'

        def replace(route: Any) -> None:
            response = route.fetch()
            head, _, rest = response.text().partition(marker)
            body = head + marker + json.dumps(data) + "</script>" + rest.partition("</script>")[2]
            route.fulfill(response=response, body=body)

        tab.route("**/graph/", replace)
    tab.bring_to_front()  # a tab in the background gets no animation frames
    tab.goto("/graph/", wait_until="load")
    tab.wait_for_selector("#graph[data-settled]", state="attached")
    circles: list[dict[str, Any]] = tab.eval_on_selector_all(
        "#graph .node",
        r"""cs => cs.map(c => {
            const m = c.getAttribute('transform')
                .match(/^translate\(([-\d.]+) ([-\d.]+)\) scale\(([\d.]+)\)$/);
            return {x: +m[1], y: +m[2], r: +m[3], kind: c.getAttribute('class'),
                    shape: c.getAttribute('href')};
        })""",
    )
    return circles


@pytest.mark.parametrize("count", [12, 330, 600])
def test_graph_spreads_its_nodes_over_the_canvas(calm: Page, count: int) -> None:
    tab = calm.context.new_page()
    circles = _draw_graph(tab, _many_records(count))
    tab.close()
    width, height = 800, 560
    on_border = [
        c
        for c in circles
        if min(c["x"] - c["r"], c["y"] - c["r"]) < 3
        or c["x"] + c["r"] > width - 3
        or c["y"] + c["r"] > height - 3
    ]
    stacked = {(round(c["x"]), round(c["y"])) for c in circles}
    xs, ys = [c["x"] for c in circles], [c["y"] for c in circles]
    quarters = [
        sum(1 for c in circles if (c["x"] < width / 2) == left and (c["y"] < height / 2) == up)
        for left in (True, False)
        for up in (True, False)
    ]

    assert len(circles) == count
    assert on_border == []
    assert len(stacked) == count, "some nodes are drawn on top of each other"
    assert max(xs) - min(xs) > 0.8 * width
    assert max(ys) - min(ys) > 0.8 * height
    assert min(quarters) > count / 10, quarters


def test_graph_is_the_same_picture_each_time_with_or_without_motion(page: Page, calm: Page) -> None:
    data = _many_records(200)
    moving = _draw_graph(page, data)
    again = _draw_graph(page, data)
    still_tab = calm.context.new_page()
    still = _draw_graph(still_tab, data)
    still_tab.close()

    assert moving == again
    assert moving == still


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_graph_key_names_each_kind_drawn_in_its_colour_and_shape(desktop: Page) -> None:
    _draw_graph(desktop)
    drawn: dict[str, list[str]] = desktop.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("#graph .node")]
              .map(c => [c.classList[1], [getComputedStyle(c).fill, c.getAttribute("href")]]))"""
    )
    key: list[dict[str, Any]] = desktop.eval_on_selector_all(
        ".graph-figure .graph-legend li",
        """items => items.map(li => ({
              kind: li.querySelector(".swatch").classList[1],
              name: [...li.childNodes].filter(n => n.nodeType === 3)
                      .map(n => n.textContent).join("").trim(),
              colour: getComputedStyle(li.querySelector(".swatch")).fill,
              shape: li.querySelector(".swatch use").getAttribute("href"),
              area: (() => { const b = li.querySelector(".swatch").getBoundingClientRect();
                             return b.width * b.height; })(),
              ground: getComputedStyle(li.closest("figure")).backgroundColor}))""",
    )
    title = desktop.eval_on_selector(
        ".graph-legend ul",
        "ul => document.getElementById(ul.getAttribute('aria-labelledby')).textContent",
    )
    contrast = {
        item["kind"]: (_luminance(item["ground"]) + 0.05) / (_luminance(item["colour"]) + 0.05)
        for item in key
    }
    shapes = [item["shape"] for item in key]

    assert title == "Key"
    assert [item["kind"] for item in key] == [
        "kind-thread",
        "kind-controversy",
        "kind-event",
        "kind-actor",
        "kind-group",
    ]
    assert {item["kind"]: [item["colour"], item["shape"]] for item in key} == drawn
    assert len(set(shapes)) == len(shapes), "two kinds are told apart by colour alone"
    assert all(desktop.query_selector(f"#graph defs {shape}") for shape in shapes)
    assert all(item["area"] > 100 for item in key), key
    assert [item["name"] for item in key] == [
        "Threads",
        "Controversies",
        "Events",
        "Actors",
        "Groups",
    ]
    assert min(contrast.values()) >= 3, contrast


def test_graph_key_keeps_its_shapes_visible_in_forced_colours(desktop: Page) -> None:
    desktop.emulate_media(forced_colors="active")
    try:
        _draw_graph(desktop)
        swatches: list[dict[str, str]] = desktop.eval_on_selector_all(
            ".graph-legend .swatch",
            """items => items.map(s => ({fill: getComputedStyle(s).fill,
                  text: getComputedStyle(s.closest("li")).color,
                  ground: getComputedStyle(s.closest("figure")).backgroundColor}))""",
        )
    finally:
        desktop.emulate_media(forced_colors="none")

    assert len(swatches) == 5
    for swatch in swatches:
        assert swatch["fill"] == swatch["text"] != swatch["ground"], swatch
