"""Markdown on pages: safe HTML, shifted headings, plain-text excerpts."""

from __future__ import annotations

from agora.site.markdown import render_markdown, strip_markdown


def test_raw_html_and_script_links_never_reach_the_page() -> None:
    html = render_markdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) **ok**")

    assert "<script" not in html
    assert "javascript:" not in html
    assert "<strong>ok</strong>" in html


def test_headings_shift_under_the_page_heading() -> None:
    assert render_markdown("### Detail", shift_headings=1).strip() == "<h4>Detail</h4>"


def test_an_excerpt_ends_on_a_whole_word_without_dangling_punctuation() -> None:
    text = "The **first** clause, the second clause; and then a great deal more text."

    assert strip_markdown(text, 30) == "The first clause, the second…"
    assert strip_markdown(text, 20) == "The first clause…"
    assert strip_markdown(text) == text.replace("**", "")
