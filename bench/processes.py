"""The processes a benchmark starts: their peak memory, the CPU others use meanwhile, and
stopping them."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from types import TracebackType

__all__ = ["OtherLoad", "TreePeak", "stop_descendants", "tree_memory"]


class TreePeak:
    """The peak memory of this process's descendants, polled from /proc while in use.

    Forked workers share their parent's pages, so the sum of resident sets (RSS) counts a
    shared page once per process; the sum of proportional sets (PSS) splits it between
    them and is the memory the tree really holds. Both are kept. Zero where /proc has no
    ``smaps_rollup`` (not Linux).
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.rss_mib = 0
        self.pss_mib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        root, pause = os.getpid(), self.interval
        while not self._stop.wait(pause):
            began = time.perf_counter()
            rss, pss = tree_memory(root)
            self.rss_mib = max(self.rss_mib, rss)
            self.pss_mib = max(self.pss_mib, pss)
            # Reading smaps_rollup of a process of several GB takes milliseconds: poll less
            # often then, so the polling never takes more than a tenth of a CPU.
            pause = max(self.interval, 9 * (time.perf_counter() - began))


class OtherLoad:
    """How many CPUs other processes kept busy, on average, while in use: all the time
    the machine was busy (/proc/stat) less that of this process and its descendants."""

    def __init__(self) -> None:
        self.cpus = 0.0
        self._start = (0.0, 0.0, 0.0)

    def __enter__(self) -> OtherLoad:
        self._start = (time.perf_counter(), _busy_seconds(), _own_seconds())
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        began, busy, own = self._start
        elapsed = time.perf_counter() - began
        others = (_busy_seconds() - busy) - (_own_seconds() - own)
        self.cpus = max(0.0, others / elapsed) if elapsed > 0 else 0.0


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _busy_seconds() -> float:
    try:
        with open("/proc/stat", "rb") as stat:
            fields = [int(value) for value in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / _TICK


def _own_seconds() -> float:
    """CPU time of this process, its children already waited for, and every live
    descendant (with the children each of those has waited for)."""
    times = os.times()
    total = times.user + times.system + times.children_user + times.children_system
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15]) / _TICK
        except (OSError, IndexError, ValueError):
            continue
    return total


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    with open(f"/proc/{entry.name}/stat", "rb") as stat:
                        parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], list(children.get(root, []))
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def stop_descendants(wait: float = 10.0) -> None:
    """Stop every process this one started that still runs (an interrupted build leaves
    its forked workers writing), and wait for them, so that its temporary folder can be
    removed."""
    pids = _descendants(os.getpid())
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False


def tree_memory(root: int, include_root: bool = False) -> tuple[int, int]:
    """RSS and PSS in MiB summed over the descendants of process ``root``."""
    rss = pss = 0
    for pid in [root, *_descendants(root)] if include_root else _descendants(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
                for line in rollup:
                    if line.startswith(b"Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith(b"Pss:"):
                        pss += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended between the listing and this read
    return rss // 1024, pss // 1024
