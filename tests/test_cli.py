"""The agora command, in process: exit codes, output formats, scaffolding, inspection."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from agora import cli, engine
from agora.cli import app


def test_validate_reports_a_clean_sample_and_exits_0(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["validate", str(sample), "--strict"])

    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("0 errors, 0 warnings, 0 info in 55 files")


def test_validate_exits_1_on_errors_and_prints_compiler_style_lines(
    runner: CliRunner, broken: Path
) -> None:
    result = runner.invoke(app, ["validate", str(broken)])

    assert result.exit_code == 1
    line = f"{broken}/content/events/2024/24-r001-unknown-thread.md:7:11: R001 error: "
    assert line + "thread 'no-such-thread' does not exist [threads[0]]" in result.output
    assert "  hint: " in result.output
    assert "44 errors, 21 warnings, 5 info" in result.output.splitlines()[-1]


def test_warnings_alone_pass_unless_strict(runner: CliRunner, sample: Path) -> None:
    event = next((sample / "content" / "events" / "2024").glob("*.md"))
    event.write_text(event.read_text("utf-8").replace("significance:", "sigificance:"), "utf-8")

    assert runner.invoke(app, ["validate", str(sample)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(sample), "--strict"]).exit_code == 1
    assert runner.invoke(app, ["validate", str(sample), "--fail-on", "warning"]).exit_code == 1


def test_json_format_is_stable(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", str(broken), "--format", "json"])

    document = json.loads(result.output)
    assert document["version"] == 1
    assert document["summary"]["error"] == 44
    first = document["problems"][0]
    assert set(first) == {
        "code",
        "name",
        "severity",
        "path",
        "line",
        "column",
        "field",
        "message",
        "hint",
    }


def test_github_format_writes_workflow_annotations(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", str(broken), "--format", "github"])

    lines = result.output.splitlines()
    assert any(
        line.startswith(f"::error file={broken}/content/events/2024/24-r001-unknown-thread.md,")
        and ",line=7,col=11,title=R001 unknown-thread::" in line
        for line in lines
    )
    assert any(line.startswith("::notice ") for line in lines)
    assert all("\n" not in line for line in lines)


def test_ignore_leaves_codes_out_and_rejects_unknown_codes(runner: CliRunner, broken: Path) -> None:
    kept = runner.invoke(
        app, ["validate", str(broken), "--format", "json", "--ignore", "r001,U005"]
    )
    codes = {p["code"] for p in json.loads(kept.output)["problems"]}
    assert "R001" not in codes
    assert "U005" not in codes
    assert "R002" in codes

    bad = runner.invoke(app, ["validate", str(broken), "--ignore", "Z999"])
    assert bad.exit_code == 2
    assert "error[usage]: unknown problem code Z999" in bad.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["validate", "no/such/folder"], "error[ledger-not-found]: no/such/folder: no such file"),
        (["show", "x", "no/such/folder"], "error[ledger-not-found]"),
        (["validate", "--format", "xml", "."], "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, arguments: list[str], message: str) -> None:
    result = runner.invoke(app, arguments)

    assert result.exit_code == 2
    assert message in result.stderr


def test_a_folder_without_a_ledger_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])

    assert result.exit_code == 2
    assert "no ledger here" in result.stderr
    assert "hint: Give the folder that holds content/" in result.stderr


def test_init_writes_a_sample_that_validates_strictly(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "demo"

    made = runner.invoke(app, ["init", str(target)])
    checked = runner.invoke(app, ["validate", str(target), "--strict"])

    assert made.exit_code == 0
    assert f"Next: agora validate {target}" in made.output
    assert checked.exit_code == 0, checked.output
    assert (target / "content" / "posts").is_dir()


def test_init_refuses_a_folder_with_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")

    refused = runner.invoke(app, ["init", str(tmp_path)])
    forced = runner.invoke(app, ["init", str(tmp_path), "--force"])

    assert refused.exit_code == 2
    assert "error[target-exists]" in refused.stderr
    assert forced.exit_code == 0
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"


def _errors(runner: CliRunner, ledger: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["validate", str(ledger), "--format", "json"])
    return [p for p in json.loads(result.output)["problems"] if p["severity"] == "error"]


def test_new_event_takes_the_next_number_and_validates(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "event",
            "Lab releases an open-weight reasoning model",
            "--date",
            "2025-09-01",
            "--category",
            "models",
            "--source-url",
            "https://news.example.org/release",
            "--source-title",
            "A release",
            "--actor",
            "mistral-ai:developer",
            "--tag",
            "open-weights",
            "--ledger",
            str(sample),
        ],
    )

    target = sample / "content/events/2025/05-lab-releases-an-open-weight-reasoning-model.md"
    assert result.exit_code == 0, result.output
    assert target.is_file()
    assert _errors(runner, sample) == []
    assert "id: lab-releases-an-open-weight-reasoning-model" in target.read_text("utf-8")


@pytest.mark.parametrize(
    "arguments",
    [
        [
            "new",
            "thread",
            "Compute governance",
            "--question",
            "Who controls compute?",
            "--curator",
            "mira-okafor",
        ],
        [
            "new",
            "controversy",
            "Should evaluations be public?",
            "--thread",
            "open-weights-access-and-risk",
            "--position",
            "Yes: 'sunlight' helps",
            "--position",
            "No: it teaches attackers",
        ],
        [
            "new",
            "actor",
            "Allen Institute: Second Office",
            "--type",
            "research-lab",
            "--alias",
            "Ai2 West",
            "--id",
            "ai2-west",
        ],
        [
            "new",
            "post",
            "Notes from a workshop",
            "--author",
            "jun-seo-park",
            "--category",
            "policy",
            "--tag",
            "workshop",
            "--language",
            "ko",
        ],
    ],
)
def test_new_records_of_every_kind_validate(
    runner: CliRunner, sample: Path, arguments: list[str]
) -> None:
    result = runner.invoke(app, [*arguments, "--ledger", str(sample)])

    assert result.exit_code == 0, result.output
    assert _errors(runner, sample) == []


def test_new_refuses_an_existing_id_and_a_bad_date(runner: CliRunner, sample: Path) -> None:
    base = ["new", "actor", "Meta AI", "--type", "company", "--ledger", str(sample)]
    duplicate = runner.invoke(app, base)
    bad_date = runner.invoke(
        app,
        [
            "new",
            "event",
            "Something happened",
            "--date",
            "2025-02-30",
            "--category",
            "models",
            "--source-url",
            "https://a.example.org",
            "--source-title",
            "A",
            "--ledger",
            str(sample),
        ],
    )

    assert duplicate.exit_code == 2
    assert "error[target-exists]: an actor with id 'meta-ai' exists" in duplicate.stderr
    assert bad_date.exit_code == 2
    assert "'2025-02-30' is not a date" in bad_date.stderr


def test_show_prints_a_record_and_what_links_to_it(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["show", "meta-ai", str(sample), "--format", "json"])

    views = json.loads(result.output)
    assert [view["kind"] for view in views] == ["actor"]
    sources = {(back["kind"], back["id"]) for back in views[0]["backlinks"]}
    assert ("event", "meta-releases-llama-2") in sources
    assert ("controversy", "open-weight-models-access-vs-proliferation") in sources


def test_show_human_lists_links_both_ways(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["show", "open-weights-access-and-risk", str(sample)])

    assert result.exit_code == 0
    assert result.output.startswith("thread open-weights-access-and-risk\n")
    assert "links to:" in result.output
    assert "linked from (" in result.output


def test_show_unknown_id_is_a_usage_error(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["show", "no-such-record", str(sample)])

    assert result.exit_code == 2
    assert "error[record-not-found]: no record has the id 'no-such-record'" in result.stderr


def test_stats_counts_the_sample(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["stats", str(sample), "--format", "json"])

    numbers = json.loads(result.output)
    assert numbers["records"]["events"] == 13
    assert numbers["records"]["controversies"] == 1
    assert numbers["proponents"]["undeclared"] == 0
    assert numbers["sources"]["primary_with_archive"] == numbers["sources"]["primary_total"]
    assert sum(numbers["events"]["by_year"].values()) == 13


def test_stats_human_output(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["stats", str(sample)])

    assert result.exit_code == 0
    assert "records" in result.output
    assert "events" in result.output


def test_schema_prints_every_kind(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])

    assert set(json.loads(result.output)) >= {"event", "thread", "controversy", "post"}


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["init"],
        ["show"],
        ["stats"],
        ["schema"],
        ["new", "event"],
        ["new", "thread"],
        ["new", "controversy"],
        ["new", "actor"],
        ["new", "post"],
    ],
)
def test_every_help_shows_a_runnable_example(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])

    assert result.exit_code == 0
    assert "Example: agora " in result.output


def test_version(runner: CliRunner) -> None:
    assert runner.invoke(app, ["--version"]).output.startswith("agora 0.")


def test_an_internal_error_is_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sample: Path
) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "validate_rendered", explode)
    monkeypatch.setattr(sys, "argv", ["agora", "validate", str(sample)])
    monkeypatch.delenv("AGORA_DEBUG", raising=False)

    with pytest.raises(SystemExit) as stopped:
        cli.main()

    err = capsys.readouterr().err
    assert stopped.value.code == 3
    assert "error[internal]: RuntimeError: boom" in err
    assert "Traceback" not in err


def test_a_bad_setting_is_reported_with_its_variable(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["validate", str(sample)], env={"AGORA_FUTURE_GRACE_DAYS": "soon"})

    assert result.exit_code == 2
    assert "error[bad-setting]: AGORA_FUTURE_GRACE_DAYS='soon'" in result.stderr


def test_python_dash_m_agora_runs(sample: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "agora", "validate", str(sample), "--strict"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr


def test_an_unchanged_ledger_replays_the_same_output_and_exit_code(
    runner: CliRunner, broken: Path
) -> None:
    first = runner.invoke(app, ["validate", str(broken), "--format", "json"])
    second = runner.invoke(app, ["validate", str(broken), "--format", "json"])
    other = runner.invoke(app, ["validate", str(broken), "--format", "github"])
    strict_warning_only = runner.invoke(
        app, ["validate", str(broken), "--ignore", ",".join(_error_codes(first.output))]
    )

    assert second.output == first.output
    assert second.exit_code == first.exit_code == 1
    assert other.output.startswith("::")
    assert strict_warning_only.exit_code == 0


def _error_codes(output: str) -> list[str]:
    return sorted({p["code"] for p in json.loads(output)["problems"] if p["severity"] == "error"})


def test_the_current_folder_is_the_default_ledger(
    runner: CliRunner, broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken)

    human = runner.invoke(app, ["validate"])
    machine = json.loads(runner.invoke(app, ["validate", "--format", "json"]).output)
    github = runner.invoke(app, ["validate", "--format", "github"])

    assert "content/events/2024/24-r001-unknown-thread.md:7:11: R001 error:" in human.output
    assert all(p["path"].startswith("content/") for p in machine["problems"])
    assert "::error file=content/events/2024/24-r001-unknown-thread.md," in github.output


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["validate", "--format", "xml", "."], "usage", "Invalid value for '--format'"),
        (["validate", "--no-such-option"], "usage", "No such option: --no-such-option"),
        (["schema", "-o", "/dev/null/schemas"], "io", "/dev/null/schemas"),
    ],
)
def test_errors_outside_content_are_one_coded_line(
    arguments: list[str], code: str, message: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "agora", *arguments], capture_output=True, text=True, check=False
    )

    assert done.returncode == 2
    assert done.stderr.startswith(f"agora: error[{code}]: ")
    assert message in done.stderr
    assert "  hint: " in done.stderr
    assert "Traceback" not in done.stderr


def test_strict_never_loosens_fail_on(runner: CliRunner, sample: Path) -> None:
    actor = sample / "content" / "actors" / "zz-nobody.yml"
    actor.write_text("id: zz-nobody\nname: Nobody\ntype: individual\n", "utf-8")  # A002 info

    assert runner.invoke(app, ["validate", str(sample), "--strict"]).exit_code == 0
    assert (
        runner.invoke(app, ["validate", str(sample), "--strict", "--fail-on", "info"]).exit_code
        == 1
    )


def test_an_empty_code_in_ignore_is_skipped(runner: CliRunner, sample: Path) -> None:
    assert runner.invoke(app, ["validate", str(sample), "--ignore", "U005,"]).exit_code == 0


def test_show_says_when_the_id_belongs_to_an_invalid_record(
    runner: CliRunner, sample: Path
) -> None:
    actor = sample / "content" / "actors" / "openai.yml"
    actor.write_text(
        actor.read_text("utf-8").replace("type: company", "type: corporation"), "utf-8"
    )

    result = runner.invoke(app, ["show", "openai", str(sample)])

    assert result.exit_code == 2
    assert "content/actors/openai.yml declares the id 'openai', but the record is not valid" in (
        result.stderr
    )


def test_user_text_cannot_forge_output_lines(runner: CliRunner, sample: Path) -> None:
    actor = sample / "content" / "actors" / "openai.yml"
    actor.write_text(
        actor.read_text("utf-8").replace(
            "name: OpenAI", 'name: "OpenAI\\r\\nfake.md:1:1: E999 forged"'
        ),
        "utf-8",
    )

    result = runner.invoke(app, ["show", "openai", str(sample)])

    assert not any(line.startswith("fake.md") for line in result.output.splitlines())
    assert "\\u000d\\u000afake.md" in result.output


def test_new_refuses_values_that_would_not_validate(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(
        app,
        ["new", "thread", "Tiny", "--question", "Why?", "--curator", "c", "--ledger", str(sample)],
    )

    assert result.exit_code == 2
    assert "error[usage]: the new thread would not be valid: title: text is 4 characters" in (
        result.stderr
    )
    assert not (sample / "content" / "threads" / "tiny.md").exists()


def test_new_escapes_characters_yaml_does_not_allow(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "actor",
            "Odd\x7fName\u2028Lab",
            "--type",
            "company",
            "--id",
            "odd-lab",
            "--ledger",
            str(sample),
        ],
    )

    assert result.exit_code == 0, result.output
    assert _errors(runner, sample) == []


def test_new_refuses_an_id_declared_under_another_file_name(
    runner: CliRunner, sample: Path
) -> None:
    actors = sample / "content" / "actors"
    (actors / "openai.yml").rename(actors / "open-ai.yml")

    result = runner.invoke(
        app, ["new", "actor", "OpenAI", "--type", "company", "--ledger", str(sample)]
    )

    assert result.exit_code == 2
    assert "an actor with id 'openai' exists: content/actors/open-ai.yml" in result.stderr


def test_markup_in_user_text_is_shown_as_written(runner: CliRunner, sample: Path) -> None:
    controversy = next((sample / "content" / "controversies").glob("*.md"))
    controversy.write_text(
        controversy.read_text("utf-8").replace('claim: "Publishing', 'claim: "[bold]Publishing', 1),
        "utf-8",
    )

    result = runner.invoke(app, ["show", "open-weight-models-access-vs-proliferation", str(sample)])

    assert "A (medium): [bold]Publishing" in result.output


def test_build_names_the_record_files_it_left_out_and_says_when_up_to_date(
    runner: CliRunner, sample: Path, tmp_path: Path
) -> None:
    bad = sample / "content" / "events" / "2024" / "07-broken-event.md"
    bad.write_text("---\nid: broken-event\ntitle: No date or category\n---\nText.\n", "utf-8")
    old = 1_600_000_000_000_000_000
    for path in sample.rglob("*"):
        os.utime(path, ns=(old, old))  # out of the window where a change could go unseen
    out = tmp_path / "site"

    first = runner.invoke(app, ["build", str(sample), "-o", str(out)])
    second = runner.invoke(app, ["build", str(sample), "-o", str(out)])

    assert first.exit_code == 0, first.output
    assert "Built 270 pages" in first.stdout
    assert "1 record file has errors and no page: content/events/2024/07-broken" in first.stderr
    assert "agora validate" in first.stderr
    assert not (out / "events" / "broken-event").exists()
    assert second.exit_code == 0
    assert second.stdout.startswith("Up to date: 270 pages")
    assert "07-broken-event.md" in second.stderr
    assert "the default AGORA_BASE_URL" in first.stderr  # feeds would point at this machine


def test_names_that_are_not_utf8_are_reported_never_a_crash(
    runner: CliRunner, sample: Path, tmp_path: Path
) -> None:
    # A ledger unpacked from an old archive: its folder and one file named in Latin-1.
    ledger = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9-ledger")))
    sample.rename(ledger)
    events = os.fsencode(ledger / "content" / "events" / "2024")
    with open(os.path.join(events, b"r\xe9sum\xe9.md"), "wb") as handle:
        handle.write(b"---\nid: resume\n---\n")
    out = tmp_path / "site"

    checked = runner.invoke(app, ["validate", str(ledger)])
    built = runner.invoke(app, ["build", str(ledger), "-o", str(out)])
    counted = runner.invoke(app, ["stats", str(ledger)])

    assert checked.exit_code == 1, checked.output  # an error in content, not a crash
    assert "content/events/2024/r\\xe9sum\\xe9.md:1:1: F010 error" in checked.stdout
    assert built.exit_code == 0, built.output
    assert "no page: content/events/2024/r\\xe9sum\\xe9.md" in built.stderr
    assert "caf\\xe9-ledger" in built.stderr
    assert (out / "events" / "meta-llama-4-release" / "index.html").is_file()
    assert counted.exit_code == 0, counted.output
    for result in (checked, built, counted):
        assert "internal" not in result.output
        assert "\\udc" not in result.output


def test_build_with_a_public_address_says_nothing_of_it(
    runner: CliRunner, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGORA_BASE_URL", "https://ledger.example.org")
    result = runner.invoke(app, ["build", str(sample), "-o", str(tmp_path / "site")])

    assert result.exit_code == 0, result.output
    assert "AGORA_BASE_URL" not in result.stderr
    assert "https://ledger.example.org/" in (tmp_path / "site" / "robots.txt").read_text("utf-8")


def test_build_shows_its_progress_on_a_terminal_and_nothing_elsewhere(
    runner: CliRunner, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    piped = runner.invoke(app, ["build", str(sample), "-o", str(tmp_path / "piped")])
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)
    monkeypatch.setattr(cli, "_err", lambda: terminal)
    shown = runner.invoke(app, ["build", str(sample), "-o", str(tmp_path / "shown")])

    assert piped.exit_code == 0, piped.output
    assert "Rendering pages" not in piped.stderr
    assert shown.exit_code == 0, shown.output
    assert "Built 270 pages" in shown.stdout
    assert "Rendering pages" in screen.getvalue()
    assert "270/270" in screen.getvalue()  # every page file, both languages
