"""The template context's direct calls give every callable what Jinja would give it."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment, pass_context, pass_environment, pass_eval_context
from jinja2.runtime import Context
from markupsafe import Markup

from agora.site.render import _Context


class _Helper:
    @pass_context
    def where(self, context: Any) -> str:
        return f"context:{context['name']}"

    def plain(self, text: str) -> str:
        return f"plain:{text}"


def _render(source: str, **values: Any) -> str:
    environment = Environment(loader=DictLoader({"page.html": source}), autoescape=True)
    environment.context_class = _Context

    @pass_context
    def from_context(context: Context, suffix: str) -> str:
        return f"{context['name']}{suffix}"

    @pass_eval_context
    def escaping(eval_ctx: Any) -> str:
        return str(eval_ctx.autoescape)

    @pass_environment
    def from_environment(environment: Environment) -> str:
        return type(environment).__name__

    def plain(text: str, *, loud: bool = False) -> str:
        return text.upper() if loud else text

    def stops() -> str:
        raise StopIteration

    environment.globals.update(
        from_context=from_context,
        escaping=escaping,
        from_environment=from_environment,
        plain=plain,
        stops=stops,
        helper=_Helper(),
    )
    return environment.get_template("page.html").render(name="Ada", **values)


def test_context_environment_and_eval_context_are_still_passed() -> None:
    html = _render(
        "{{ from_context('!') }}|{{ escaping() }}|{{ from_environment() }}|"
        "{{ helper.where() }}|{{ helper.plain('x') }}"
    )
    assert html == "Ada!|True|Environment|context:Ada|plain:x"


def test_plain_functions_and_built_in_methods_are_called_with_their_arguments() -> None:
    html = _render(
        "{% for x in ['a'] %}{{ plain(x, loud=true) }}{% endfor %}|{{ mapping.get('k') }}",
        mapping={"k": "v"},
    )
    assert html == "A|v"


def test_macros_with_and_without_a_caller() -> None:
    html = _render(
        "{% macro box(text) %}[{{ text }}{% if caller %}{{ caller() }}{% endif %}]{% endmacro %}"
        "{{ box('<b>') }}{% call box('c') %}inner{% endcall %}"
        "{% for i in [1] %}{{ box(i) }}{% endfor %}"
    )
    assert html == "[&lt;b&gt;][cinner][1]"


def test_a_callable_that_raises_stop_iteration_gives_undefined() -> None:
    assert _render("{{ stops() }}|{{ value }}", value=Markup("<i>")) == "|<i>"
