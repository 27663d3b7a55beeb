"""Time `agora build` and `agora serve` on the real corpus and a large synthetic ledger.

    python bench/site.py [--events 100000] [--runs 3] [--out /tmp/agora-bench] [--json FILE]
    python bench/site.py --events 1000 --runs 1 --real ../shared/corpus/ledger-2026-05-24

Build: the real corpus (--real) built into a fresh folder with an empty parse cache, median
of --runs runs. The synthetic ledger of --events events (made by generate_ledger.py if
missing) built the same way, with the peak memory of the command and its forked workers;
then one event edited (a sentence appended to its body) and rebuilt, --edit-runs times,
then built --runs times with nothing changed. The edited file is restored afterwards, bytes
and modification time.

Serve: `agora serve --no-reload` on the synthetic ledger (or --serve-ledger), one event page
loaded with `wrk -t2 -c32 -d10s` and at a fixed 1000 requests per second, open loop; then
--queries searches (words drawn from the ledger's events) from one keep-alive client, and
the same searches in-process on the search module (skip with --no-in-process).

Reload: `agora serve` watching the same ledger; one event edited --runs times, each time
timed until its page shows the edit (what someone previewing their edit waits for).

Every command runs in a fresh process; output folders and caches live in a temporary
folder removed at the end, and servers started here are stopped. Prints a Markdown table,
with how many CPUs other processes kept busy meanwhile; --json FILE also writes every figure.

A change to Agora's templates or code between two builds makes the second re-render every
page, so while the working tree is being edited, measure an exported copy instead:

    git archive HEAD src | tar -x -C /tmp/agora-src
    PYTHONPATH=/tmp/agora-src/src python bench/site.py
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

HERE = Path(__file__).resolve().parent
if not __package__:  # run as a script: make `bench` importable
    sys.path.insert(0, str(HERE.parent))

from bench.http_load import fixed_rate, percentile, round_trips, wrk  # noqa: E402 - path above
from bench.measure import agora_environment, deleted_after, run_agora  # noqa: E402 - path set above
from bench.processes import OtherLoad, TreePeak, stop_descendants, tree_memory  # noqa: E402

_HOST = "127.0.0.1"
_RACY_SECONDS = 2.2
"""The build trusts a file's modification time only once it is 2 s old (engine._RACY_NS);
a rebuild sooner after an edit would leave the next build unable to skip."""
_BUILT = re.compile(
    r"Built\s+([\d,]+)\s+pages\s+\(([\d,]+)\s+files,\s+([\d,]+)\s+written,\s+([\d,]+)\s+removed\)"
)
_UP_TO_DATE = re.compile(r"Up\s+to\s+date:\s+([\d,]+)\s+pages\s+\(([\d,]+)\s+files\)")


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, the figure, the target, and whether met."""

    measure: str
    result: str
    target: str = ""
    met: bool | None = None
    others: float | None = None
    """CPUs kept busy by processes other than this benchmark's, on average, meanwhile."""


@dataclass(frozen=True)
class Build:
    """One `agora build`: seconds, what it wrote, and the peak memory of its process tree."""

    seconds: float
    pages: int
    files: int
    written: int
    removed: int
    tree_rss_mib: int
    tree_pss_mib: int
    main_rss_mib: int
    others: float
    skipped: bool
    """The build found nothing changed and stopped before reading the ledger."""


def build(ledger: Path, out: Path, cache: Path, *, memory: bool = True) -> Build:
    """Run `agora build LEDGER -o OUT` in a fresh process with the parse cache in ``cache``.

    With ``memory`` the peak memory of the command and its workers is polled from /proc
    meanwhile (up to a tenth of a CPU); without it only the main process's peak is known."""
    env = {"AGORA_CACHE_DIR": str(cache), "COLUMNS": "1000"}
    with OtherLoad() as load, TreePeak() if memory else contextlib.nullcontext() as peak:
        run = run_agora(["build", str(ledger), "-o", str(out)], env)
    output = run.stdout.decode(errors="replace")
    found = _BUILT.search(output) or _UP_TO_DATE.search(output)
    if run.returncode != 0 or found is None:
        raise RuntimeError(
            f"agora build {ledger} failed ({run.returncode}):\n"
            f"{output[-2000:]}{run.stderr.decode(errors='replace')[-2000:]}"
        )
    counts = [int(group.replace(",", "")) for group in found.groups()]
    pages, files, written, removed = [*counts, 0, 0][:4]  # "Up to date" wrote nothing
    return Build(
        run.seconds,
        *(pages, files, written, removed),
        *((peak.rss_mib, peak.pss_mib) if peak is not None else (0, 0)),
        run.peak_mib,
        load.cpus,
        found.re is _UP_TO_DATE,
    )


def synthetic_ledger(size: int, out: Path) -> Path:
    """The synthetic ledger of ``size`` events under ``out``, generated if missing."""
    target = out / f"ledger-{size}"
    if not (target / "MANIFEST.json").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate_ledger.py"),
                *("--events", str(size), "--out", str(target), "--seed", "1", "--force"),
            ],
            check=True,
        )
    return target


def first_event(ledger: Path) -> Path:
    """The first event file of ``ledger`` in path order."""
    folder = ledger / "content" / "events" if (ledger / "content").is_dir() else ledger / "events"
    while folder.is_dir():
        entries = sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
        folder = next(entry for entry in entries if entry.is_dir() or entry.suffix == ".md")
    return folder


@contextlib.contextmanager
def editing(event: Path) -> Iterator[Callable[[int], None]]:
    """A function that appends sentence ``n`` to ``event``'s body; the file is restored,
    bytes and modification time, on leaving."""
    original = event.read_bytes()
    stat = event.stat()

    def edit(number: int) -> None:
        event.write_bytes(original.rstrip(b"\n") + f" Added sentence {number}.\n".encode())

    try:
        yield edit
    finally:
        event.write_bytes(original)
        os.utime(event, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def measure_real(ledger: Path, runs: int, scratch: Path) -> tuple[list[Row], dict[str, Any]]:
    """The real corpus, built ``runs`` times into a fresh folder with an empty parse cache.

    The first build also compiles the templates (as a new installation does); later ones
    find them compiled in the cache folder, as Python finds its bytecode. Each build starts
    after the previous one's writes are flushed (``sync``), so that no build pays for
    another's; the outputs are deleted when all are done (see ``deleted_after``)."""
    cache = scratch / "real-cache"
    shutil.rmtree(cache, ignore_errors=True)
    builds = []
    outs = [scratch / f"real-{number}" for number in range(runs + 1)]
    with deleted_after(outs):
        for out in outs:
            os.sync()
            builds.append(build(ledger, out, cache, memory=False))  # time only: no polling
            empty_parse_cache(cache)
    first, builds = builds[0], builds[1:]
    seconds = statistics.median(b.seconds for b in builds)
    last = builds[-1]
    rows = [
        Row(
            f"real corpus: full build, fresh folder and parse cache (median of {runs})",
            f"{seconds:.2f} s ({last.pages:,} pages, {last.files:,} files, "
            f"{last.written:,} written; min {min(b.seconds for b in builds):.2f})",
            "≤ 1.5 s",
            seconds <= 1.5,
            _mean_others(builds),
        ),
        Row(
            "real corpus: the same, first build (templates compiled too)",
            f"{first.seconds:.2f} s",
            "–",
            None,
            first.others,
        ),
    ]
    return rows, {"ledger": str(ledger), "builds": [asdict(b) for b in [first, *builds]]}


def empty_parse_cache(cache: Path) -> None:
    """Remove the parse cache from ``cache``, keeping the compiled templates."""
    if not cache.is_dir():
        return
    for entry in cache.iterdir():
        if entry.name == "templates":  # the compiled templates' folder (see Renderer)
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def measure_synthetic(
    ledger: Path, runs: int, full_runs: int, edit_runs: int, scratch: Path
) -> tuple[list[Row], dict[str, Any]]:
    """Full build, one-edit rebuild and no-change rebuild of the synthetic ledger.

    Each full build writes into a folder of its own, with an empty parse cache; the
    rebuilds use the last one. No folder is deleted before the series ends (see
    ``deleted_after``)."""
    caches = [scratch / f"synthetic-cache-{number}" for number in range(full_runs)]
    outs = [scratch / f"synthetic-site-{number}" for number in range(full_runs)]
    edited, unchanged = [], []
    event = first_event(ledger)
    with deleted_after([*outs, *caches]):
        full = [build(ledger, out, cache) for out, cache in zip(outs, caches, strict=True)]
        out, cache = outs[-1], caches[-1]
        with editing(event) as edit:
            for number in range(edit_runs):
                edit(number + 1)
                time.sleep(_RACY_SECONDS)
                edited.append(build(ledger, out, cache))
            unchanged = [build(ledger, out, cache) for _ in range(runs)]
    size = _count_events(ledger)
    seconds = statistics.median(b.seconds for b in full)
    rss = max(b.tree_rss_mib for b in full)
    pss = max(b.tree_pss_mib for b in full)
    edit_s = statistics.median(b.seconds for b in edited)
    same_s = statistics.median(b.seconds for b in unchanged)
    name = f"synthetic {size:,} events"
    rows = [
        Row(
            f"{name}: full build, fresh folder and cache (median of {full_runs})",
            f"{seconds:.2f} s ({full[-1].pages:,} pages, {full[-1].files:,} files)",
            "≤ 60 s",
            seconds <= 60,
            _mean_others(full),
        ),
        Row(
            f"{name}: full build peak memory, command and workers",
            f"PSS {pss:,} MiB (RSS summed {rss:,} MiB; main process {full[-1].main_rss_mib:,})",
            "≤ 2,048 MiB",
            pss <= 2048,
            _mean_others(full),
        ),
        Row(
            f"{name}: rebuild after one event edit (median of {edit_runs})",
            f"{edit_s:.2f} s ({_written(edited)})",
            "≤ 1 s",
            edit_s <= 1,
            _mean_others(edited),
        ),
        Row(
            f"{name}: rebuild with nothing changed (median of {runs})",
            f"{same_s:.2f} s ({_written(unchanged)})",
            "≤ 1 s",
            same_s <= 1,
            _mean_others(unchanged),
        ),
    ]
    raw = {
        "ledger": str(ledger),
        "events": size,
        "edited_file": str(event),
        "full": [asdict(b) for b in full],
        "one_edit": [asdict(b) for b in edited],
        "no_change": [asdict(b) for b in unchanged],
    }
    return rows, raw


@dataclass(frozen=True)
class Server:
    """A running `agora serve`: its port, process id, and how long it took to answer."""

    port: int
    pid: int
    ready_seconds: float
    load_pss_mib: int


@contextlib.contextmanager
def serving(
    ledger: Path, cache: Path, log: Path, timeout: float = 1800, *, reload: bool = False
) -> Iterator[Server]:
    """Start `agora serve` (with --no-reload unless ``reload``) on a free port and wait until
    it answers; stop it on leaving."""
    port = _free_port()
    command = [sys.executable, "-m", "agora", "serve", str(ledger), "--port", str(port)]
    with open(log, "wb") as output:
        process = subprocess.Popen(
            command if reload else [*command, "--no-reload"],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=agora_environment({"AGORA_CACHE_DIR": str(cache)}),
        )
    try:
        start = time.perf_counter()
        with TreePeak() as peak:
            while _status(port, "/") != 200:
                if process.poll() is not None:
                    raise RuntimeError(f"agora serve exited ({process.returncode}):\n{_tail(log)}")
                if time.perf_counter() - start > timeout:
                    raise RuntimeError(f"agora serve did not answer in {timeout:.0f} s")
                time.sleep(0.2)
        yield Server(port, process.pid, time.perf_counter() - start, peak.pss_mib)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure_serve(
    server: Server, event_path: str, rate: float, seconds: int
) -> tuple[list[Row], dict[str, Any]]:
    """Throughput with wrk and latency at a fixed rate on one event page."""
    status = _status(server.port, event_path)  # also renders the page once, as a reader would
    if status != 200:
        raise RuntimeError(f"GET {event_path} answered {status}")
    url = f"http://{_HOST}:{server.port}{event_path}"
    name = f"serve: event page, wrk -t2 -c32 -d{seconds}s"
    rows, raw = [], {"event_page": event_path, "ready_seconds": server.ready_seconds}
    with OtherLoad() as load:
        try:
            result = wrk(url, threads=2, connections=32, seconds=seconds)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            result, problem = None, f"skipped: {error}"
        else:
            problem = "skipped: wrk is not installed (apt-get install wrk)"
    if result is None:
        rows.append(Row(name, problem, "≥ 3,000 req/s"))
    else:
        raw["wrk"] = asdict(result)
        rows.append(
            Row(
                name,
                f"{result.requests_per_second:,.0f} req/s (p50 {result.p50_ms:.2f} ms, "
                f"p99 {result.p99_ms:.2f} ms, {result.errors} errors)",
                "≥ 3,000 req/s",
                result.requests_per_second >= 3000 and result.errors == 0,
                load.cpus,
            )
        )
    with OtherLoad() as load:
        steady = fixed_rate(_HOST, server.port, event_path, rate, seconds)
    p50, p99 = steady.at(0.5), steady.at(0.99)
    raw["fixed_rate"] = {
        "rate": rate,
        "achieved": steady.rate,
        "p50_ms": p50,
        "p90_ms": steady.at(0.9),
        "p99_ms": p99,
        "p999_ms": steady.at(0.999),
        "max_ms": max(steady.milliseconds, default=0.0),
        "errors": steady.errors,
    }
    rows.append(
        Row(
            f"serve: event page at {rate:,.0f} req/s for {seconds} s (Python client)",
            f"p50 {p50:.2f} ms, p99 {p99:.2f} ms (achieved {steady.rate:,.0f} req/s, "
            f"{steady.errors} errors)",
            "p99 ≤ 10 ms",
            p99 <= 10 and steady.errors == 0,
            load.cpus,
        )
    )
    return rows, raw


def measure_reload(ledger: Path, runs: int, scratch: Path) -> tuple[list[Row], dict[str, Any]]:
    """How long an edit takes to show: `agora serve` watching the ledger, one event edited
    (a sentence appended), its page asked for every 20 ms until it shows the sentence."""
    event = first_event(ledger)
    page = _event_page(ledger)
    seconds: list[float] = []
    log = scratch / "reload.log"
    with serving(ledger, scratch / "reload-cache", log, reload=True) as server:
        if _status(server.port, page) != 200:
            raise RuntimeError(f"GET {page} answered {_status(server.port, page)}")
        with editing(event) as edit, OtherLoad() as load:
            for number in range(1, runs + 1):
                time.sleep(1.0)  # the watcher settles; each edit is its own change
                edit(number)
                start = time.perf_counter()
                while f"Added sentence {number}." not in _text(server.port, page):
                    if time.perf_counter() - start > 600:
                        raise RuntimeError(f"the edit did not show in 600 s:\n{_tail(log)}")
                    time.sleep(0.02)
                seconds.append(time.perf_counter() - start)
    shown = statistics.median(seconds)
    rows = [
        Row(
            f"serve {ledger.name}: one event edited until its page shows it (median of {runs})",
            f"{shown:.2f} s (min {min(seconds):.2f}, max {max(seconds):.2f}; the watcher "
            "waits 0.2 s for more changes)",
            "",
            None,
            load.cpus,
        )
    ]
    return rows, {"ledger": str(ledger), "page": page, "seconds": seconds}


def search_queries(ledger: Path, count: int, seed: int = 1) -> list[str]:
    """``count`` varied queries made of words from the ledger's events: one word, two,
    three, a prefix, a whole title, a word found nowhere."""
    folder = ledger / "content" / "events" if (ledger / "content").is_dir() else ledger / "events"
    files = sorted(folder.rglob("*.md"))
    chooser = random.Random(seed)
    sample = chooser.sample(files, min(len(files), max(1, count // 4)))
    titles, words = [], []
    for path in sample:
        text = path.read_text("utf-8", errors="replace")
        title = re.search(r'(?m)^title:\s*"?(.*?)"?\s*$', text)
        if title:
            titles.append(title.group(1))
        body = text.split("\n---", 2)[-1]
        words.extend(re.findall(r"[^\W\d_]{4,}", body))
    words = words or ["ledger"]
    titles = titles or ["ledger"]
    makers: list[Callable[[], str]] = [
        lambda: chooser.choice(chooser.choice(titles).split()),
        lambda: " ".join(chooser.choice(titles).split()[:2]),
        lambda: chooser.choice(words),
        lambda: " ".join(chooser.sample(words, 2)),
        lambda: chooser.choice(words)[:3],
        lambda: chooser.choice(titles),
        lambda: " ".join(chooser.sample(words, 3)),
        lambda: f"zqx{chooser.randrange(10**6)}",
    ]
    return [makers[number % len(makers)]() for number in range(count)]


def measure_search(server: Server, queries: list[str]) -> tuple[list[Row], dict[str, Any]]:
    """Each query's HTTP round trip to /search/?q=, from one client."""
    paths = [f"/search/?q={quote_plus(query)}" for query in queries]
    with OtherLoad() as load:
        trips = round_trips(_HOST, server.port, paths)
    p50, p95 = trips.at(0.5), trips.at(0.95)
    row = Row(
        f"search: /search/?q= over HTTP, {len(queries)} queries, one client",
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {max(trips.milliseconds):.1f} ms "
        f"({trips.errors} errors)",
        "p95 ≤ 10 ms",
        p95 <= 10 and trips.errors == 0,
        load.cpus,
    )
    slowest = sorted(zip(trips.milliseconds, queries, strict=True), reverse=True)[:10]
    return [row], {
        "http": {"p50_ms": p50, "p95_ms": p95, "errors": trips.errors},
        "slowest_http": [[round(ms, 2), query] for ms, query in slowest],
    }


def measure_search_in_process(
    ledger: Path, cache: Path, queries: list[str]
) -> tuple[list[Row], dict[str, Any]]:
    """The same queries on :class:`agora.web.search.SearchIndex`, in this process."""
    from agora import engine  # imported here: loading Agora is part of what is measured
    from agora.settings import Settings
    from agora.site.model import build_model
    from agora.web.search import SearchIndex

    start = time.perf_counter()
    _, records = engine.load(ledger, Settings(cache_dir=cache))
    model = build_model(records)
    loaded = time.perf_counter()
    index = SearchIndex(model)
    indexed = time.perf_counter()
    for query in queries[:5]:
        index.search(query)
    times, hits = [], []
    with OtherLoad() as load:
        for query in queries:
            began = time.perf_counter()
            hits.append(len(index.search(query)))
            times.append((time.perf_counter() - began) * 1000)
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    row = Row(
        "search: SearchIndex.search in-process, same queries",
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {max(times):.1f} ms "
        f"(index built in {indexed - loaded:.1f} s)",
        "p95 ≤ 10 ms",
        p95 <= 10,
        load.cpus,
    )
    slowest = sorted(zip(times, queries, hits, strict=True), reverse=True)[:10]
    return [row], {
        "load_seconds": loaded - start,
        "index_seconds": indexed - loaded,
        "p50_ms": p50,
        "p95_ms": p95,
        "slowest": [[round(ms, 2), query, count] for ms, query, count in slowest],
    }


def _written(builds: list[Build]) -> str:
    """Files written by each build, "up to date" for one that stopped early."""
    each = ["up to date" if b.skipped else f"{b.written:,} written" for b in builds]
    return ", ".join(each) + f" of {builds[-1].files:,} files" if builds else "no runs"


def _mean_others(builds: list[Build]) -> float:
    return statistics.fmean(b.others for b in builds)


def _count_events(ledger: Path) -> int:
    folder = ledger / "content" / "events" if (ledger / "content").is_dir() else ledger / "events"
    return sum(1 for _ in folder.rglob("*.md"))


def _event_page(ledger: Path) -> str:
    found = re.search(r"(?m)^id:\s*(\S+)", first_event(ledger).read_text("utf-8"))
    if found is None:
        raise RuntimeError(f"{first_event(ledger)} has no id")
    return f"/events/{found.group(1)}/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((_HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _status(port: int, path: str) -> int:
    client = http.client.HTTPConnection(_HOST, port, timeout=30)
    try:
        client.request("GET", path)
        response = client.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        client.close()


def _text(port: int, path: str) -> str:
    client = http.client.HTTPConnection(_HOST, port, timeout=30)
    try:
        client.request("GET", path)
        return client.getresponse().read().decode("utf-8", "replace")
    except OSError:
        return ""
    finally:
        client.close()


def _tail(log: Path) -> str:
    return log.read_text("utf-8", errors="replace")[-3000:]


def _agora_folder() -> Path:
    """Where the `agora` package the commands run comes from (without importing it)."""
    spec = importlib.util.find_spec("agora")
    if spec is None or spec.origin is None:
        raise RuntimeError("agora is not installed in this Python")
    return Path(spec.origin).parent


def _source_state(folder: Path) -> str:
    """A digest of the names, sizes and times of Agora's files: a change to its code or
    templates mid-run makes later builds re-render everything."""
    hasher = hashlib.blake2b(digest_size=8)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            hasher.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return hasher.hexdigest()


def _git(folder: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "not a git checkout"


def _table(rows: list[Row]) -> str:
    lines = [
        "| measure | result | target | met | other load, CPUs |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        met = "–" if row.met is None else ("yes" if row.met else "**no**")
        others = "–" if row.others is None else f"{row.others:.2f}"
        lines.append(f"| {row.measure} | {row.result} | {row.target} | {met} | {others} |")
    return "\n".join(lines)


def _measure(args: argparse.Namespace, scratch: Path, raw: dict[str, Any]) -> list[Row]:
    """Every part asked for, in order; figures in ``raw`` and the table's rows returned."""
    rows: list[Row] = []
    if "real" in args.parts:
        found, raw["real"] = measure_real(args.real, args.runs, scratch)
        rows += found
        raw["load_average"]["after_real"] = os.getloadavg()
    ledger = synthetic_ledger(args.events, args.out)
    if "build" in args.parts:
        edit_runs = args.runs if args.edit_runs is None else args.edit_runs
        found, raw["synthetic"] = measure_synthetic(
            ledger, args.runs, args.full_runs, edit_runs, scratch
        )
        rows += found
        raw["load_average"]["after_build"] = os.getloadavg()
    served = args.serve_ledger or ledger
    cache = scratch / "serve-cache"
    queries = search_queries(served, args.queries)
    if {"serve", "search"} & set(args.parts):
        with serving(served, cache, scratch / "serve.log") as server:
            rows.append(
                Row(
                    f"serve: {served.name} loaded and answering",
                    f"{server.ready_seconds:.1f} s, peak PSS {server.load_pss_mib:,} MiB",
                )
            )
            if "serve" in args.parts:
                found, raw["serve"] = measure_serve(
                    server, _event_page(served), args.rate, args.seconds
                )
                rows += found
            if "search" in args.parts:
                found, raw["search"] = measure_search(server, queries)
                rows += found
            raw["server_pss_mib_at_end"] = tree_memory(server.pid, include_root=True)[1]
        raw["load_average"]["after_serve"] = os.getloadavg()
    if "reload" in args.parts:
        found, raw["reload"] = measure_reload(served, args.runs, scratch)
        rows += found
    if "search" in args.parts and not args.no_in_process:
        found, raw["search_in_process"] = measure_search_in_process(served, cache, queries)
        rows += found
    return rows


def _interrupted(number: int, frame: object) -> None:
    stop_descendants()
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="Synthetic ledger size.")
    parser.add_argument("--runs", type=int, default=3, help="Runs per small measurement.")
    parser.add_argument("--full-runs", type=int, default=1, help="Full builds of the synthetic.")
    parser.add_argument("--edit-runs", type=int, help="One-edit rebuilds (default: --runs).")
    parser.add_argument("--out", type=Path, default=Path("/tmp/agora-bench"))
    parser.add_argument(
        "--real",
        type=Path,
        default=HERE.parent.parent / "shared" / "corpus" / "ledger-2026-05-24",
        help="The real corpus (read only).",
    )
    parser.add_argument("--serve-ledger", type=Path, help="Serve this ledger instead.")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rate", type=float, default=1000.0)
    parser.add_argument("--seconds", type=int, default=10, help="Length of each load test.")
    parser.add_argument(
        "--parts",
        nargs="*",
        choices=["real", "build", "serve", "reload", "search"],
        default=["real", "build", "serve", "search"],
    )
    parser.add_argument("--no-in-process", action="store_true", help="Skip in-process search.")
    parser.add_argument(
        "--scratch",
        type=Path,
        help="Make the temporary folder (sites, caches) here, e.g. /dev/shm to leave the "
        "disk out of the figures; default: the system's temporary folder.",
    )
    parser.add_argument("--json", type=Path, help="Also write every figure to this file.")
    args = parser.parse_args()

    agora = _agora_folder()
    source = _source_state(agora)
    raw: dict[str, Any] = {
        "agora": str(agora),
        "git": _git(agora),
        "load_average": {"start": os.getloadavg()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    # An interrupt stops the builds and servers started here before the folder is removed.
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    with tempfile.TemporaryDirectory(prefix="agora-site-bench-", dir=args.scratch) as folder:
        try:
            rows = _measure(args, Path(folder), raw)
        finally:
            stop_descendants()
    raw["load_average"]["end"] = os.getloadavg()
    machine = (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.platform()}; agora from {agora} (git {raw['git']})"
    )
    print(f"\nMachine: {machine}")
    if _source_state(agora) != source:
        raw["source_changed"] = True
        print(f"WARNING: files under {agora} changed during the run; the figures mix versions.")
    print(
        "Other load: CPUs kept busy by other processes during each measurement, on average "
        f"(of {os.cpu_count()})."
    )
    print("\n" + _table(rows))
    if args.json:
        document = {"machine": machine, "rows": [asdict(row) for row in rows], "raw": raw}
        args.json.write_text(json.dumps(document, indent=2, default=str) + "\n", "utf-8")


if __name__ == "__main__":
    main()
