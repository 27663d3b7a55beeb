"""Load a live server over HTTP: wrk flat out, a fixed request rate, one client's round trips."""

from __future__ import annotations

import asyncio
import http.client
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Latencies", "WrkRun", "fixed_rate", "percentile", "round_trips", "wrk"]


@dataclass(frozen=True)
class Latencies:
    """Latencies in milliseconds, with the requests that failed and the rate achieved."""

    milliseconds: tuple[float, ...]
    errors: int
    rate: float

    def at(self, share: float) -> float:
        """The latency below which ``share`` (0–1) of the requests completed."""
        return percentile(self.milliseconds, share)


@dataclass(frozen=True)
class WrkRun:
    """What wrk reported: requests per second, latency percentiles in ms, failures."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    output: str


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (0 when there are none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[min(len(ordered), int(rank)) - 1]


def wrk(url: str, threads: int = 2, connections: int = 32, seconds: int = 10) -> WrkRun | None:
    """Run wrk against ``url`` as fast as it goes; None when wrk is not installed."""
    program = shutil.which("wrk")
    if program is None:
        return None
    done = subprocess.run(
        [program, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=False,
        timeout=seconds + 60,
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    if rate is None:
        raise RuntimeError(f"wrk printed no rate:\n{done.stdout}")
    errors = sum(
        int(count)
        for count in re.findall(
            r"(?:Non-2xx or 3xx responses|connect|read|write|timeout):? (\d+)", done.stdout
        )
    )
    return WrkRun(
        float(rate.group(1)),
        _wrk_percentile(done.stdout, "50%"),
        _wrk_percentile(done.stdout, "99%"),
        errors,
        done.stdout,
    )


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk_percentile(output: str, label: str) -> float:
    found = re.search(rf"^\s*{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    return float(found.group(1)) * _UNITS[found.group(2)] if found else float("nan")


def fixed_rate(
    host: str,
    port: int,
    path: str,
    rate: float,
    seconds: float,
    connections: int = 32,
    warm_up: float = 1.0,
) -> Latencies:
    """GET ``path`` at ``rate`` requests per second for ``seconds``, open loop, after
    ``warm_up`` seconds at the same rate that are not counted.

    Request ``i`` is due at ``i / rate`` seconds. A request sent late because its
    connection was still waiting for the server is timed from when it was due (the
    server's delay counts, as in wrk2); one sent late only because the client's timer
    woke late is timed from when it was sent (that delay is the client's, not the server's).
    """
    return asyncio.run(_fixed_rate(host, port, path, rate, (warm_up, seconds), connections))


async def _fixed_rate(
    host: str, port: int, path: str, rate: float, span: tuple[float, float], connections: int
) -> Latencies:
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    first, total = int(rate * span[0]), int(rate * (span[0] + span[1]))
    loop = asyncio.get_running_loop()
    streams = [await asyncio.open_connection(host, port) for _ in range(connections)]
    start = loop.time() + 0.05
    latencies: list[float] = []
    errors = 0
    ends = [start]  # when the last counted response arrived

    async def connection(index: int) -> None:
        nonlocal errors
        reader, writer = streams[index]
        for number in range(index, total, connections):
            due = start + number / rate
            behind = loop.time() >= due
            if not behind:
                await asyncio.sleep(due - loop.time())
            sent = loop.time()
            writer.write(request)
            status = await _read_response(reader)
            finished = loop.time()
            if number < first:
                continue
            if status != 200:
                errors += 1
            latencies.append((finished - (due if behind else sent)) * 1000)
            ends[0] = max(ends[0], finished)

    try:
        await asyncio.gather(*(connection(index) for index in range(connections)))
    finally:
        for _, writer in streams:
            writer.close()
    elapsed = ends[0] - (start + first / rate)
    return Latencies(tuple(latencies), errors, len(latencies) / elapsed if elapsed > 0 else 0.0)


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length is None:
        raise RuntimeError("the server answered without a Content-Length")
    await reader.readexactly(int(length.group(1)))
    return status


def round_trips(host: str, port: int, paths: Sequence[str], warm_up: int = 5) -> Latencies:
    """GET each of ``paths`` in turn from one keep-alive client; each round trip's latency."""
    client = http.client.HTTPConnection(host, port, timeout=60)
    latencies: list[float] = []
    errors = 0
    try:
        for path in paths[:warm_up]:
            _get(client, path)
        began = time.perf_counter()
        for path in paths:
            start = time.perf_counter()
            status = _get(client, path)
            latencies.append((time.perf_counter() - start) * 1000)
            errors += status != 200
        elapsed = time.perf_counter() - began
    finally:
        client.close()
    return Latencies(tuple(latencies), errors, len(latencies) / elapsed if latencies else 0.0)


def _get(client: http.client.HTTPConnection, path: str) -> int:
    client.request("GET", path)
    response = client.getresponse()
    response.read()
    return response.status
