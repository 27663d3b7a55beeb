"""The site model: free-text facet values that share an address are one value."""

from __future__ import annotations

from agora.models import Kind
from agora.site.contexts import label_name, proponent
from agora.site.filters import filter_events
from agora.site.model import SiteModel, build_model
from agora.site.pages import site_pages

from .ledgers import doc, event, ledger


def _model() -> SiteModel:
    return build_model(
        ledger(
            event("a", date="2024-01-01", tags=["UK AISI"], regions=["United Kingdom"]),
            event("b", date="2024-02-01", tags=["uk-aisi"], regions=["united kingdom"]),
            event("c", date="2024-03-01", tags=["uk-aisi", "evals"]),
        )
    )


def test_spellings_of_one_tag_share_one_group_under_the_commonest_spelling() -> None:
    model = _model()

    assert [e.id for e in model.by_tag["uk-aisi"]] == ["c", "b", "a"]
    assert "UK AISI" not in model.by_tag
    assert model.spellings["tag"] == {"UK AISI": "uk-aisi"}


def test_each_page_address_is_made_once() -> None:
    paths = [spec.path for spec in site_pages(_model())]

    assert len(paths) == len(set(paths))
    assert "/tags/uk-aisi/" in paths
    assert "/browse/region/united-kingdom/" in paths


def test_filtering_by_the_page_spelling_finds_every_spelling() -> None:
    found = filter_events(_model(), {"tag": ["uk-aisi"], "region": ["United Kingdom"]})

    assert [e.id for e in found] == ["b", "a"]


def test_an_undeclared_group_label_is_shown_in_words() -> None:
    known = {"openai": "OpenAI"}

    assert label_name("some-frontier-lab-researchers", known) == "Some Frontier Lab Researchers"
    assert label_name("ai-skeptics", known) == "AI Skeptics"
    assert label_name("gary-marcus", known) == "Gary Marcus"
    assert label_name("openai-leadership", known) == "OpenAI Leadership"
    assert label_name("people-like-us", known) == "People like Us"
    assert label_name("critics-of-llms", known) == "Critics of LLMs"
    assert label_name("eu_regulators", known) == "EU Regulators"
    assert label_name("Open Source Community", known) == "Open Source Community"
    assert label_name("OpenAI-board", known) == "OpenAI-board"
    assert label_name("---", known) == "---"


def test_a_group_label_spells_words_as_the_ledger_s_actors_do() -> None:
    lab = doc(Kind.ACTOR, {"id": "openai", "name": "OpenAI", "type": "company"}, "")
    model = build_model(ledger(lab))

    assert model.name_words == {"openai": "OpenAI"}
    assert proponent(model, "openai-leadership")["name"] == "OpenAI Leadership"
    assert proponent(model, "openai")["path"] == "/actors/openai/"


def test_scales_are_listed_in_their_order_and_other_facets_by_count() -> None:
    model = build_model(
        ledger(
            event("a", confidence="disputed", significance="notable"),
            event("b", confidence="medium", significance="notable"),
            event("c", confidence="medium", significance="landmark"),
            event("d", significance="notable", category="policy"),
            event("e", confidence="high", category="policy"),
        )
    )
    facets = model.facets()

    assert [value for value, _ in facets["confidence"]] == ["high", "medium", "disputed", "unset"]
    assert [value for value, _ in facets["significance"]] == ["landmark", "notable", "unset"]
    assert facets["category"] == [("models", 3), ("policy", 2)]
