"""Whether the files a build wrote are all still in the site folder, found out fast.

A build with nothing to do must still make sure no file it wrote was deleted: at 100,000
events that is 727,528 files, about two seconds of ``faccessat`` calls on this kind of
machine, as long as the walk of the content files that the inputs' fingerprint needs. On a
large site a forked child looks for the files while the parent walks.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["looking_for", "presence"]

_APART_FROM = 50_000
"""From this many files on, they are looked for in a process of their own."""
_QUIET = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
"""Signals the child never handles: it is stopped with SIGKILL when it is not needed."""


@contextlib.contextmanager
def presence(out: Path) -> Iterator[Callable[[str], bool]]:
    """A test of whether a file the build wrote is still in ``out``: one ``faccessat``
    relative to the folder, about half the cost of ``isfile`` on the full path."""
    if os.access not in os.supports_dir_fd:  # pragma: no cover - every POSIX system has it
        yield lambda name: os.path.isfile(os.path.join(out, name))
        return
    try:
        folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield lambda name: False
        return
    try:
        yield lambda name: os.access(name, os.F_OK, dir_fd=folder)
    finally:
        os.close(folder)


@contextlib.contextmanager
def looking_for(
    out: Path, names: Callable[[], list[str]], count: int
) -> Iterator[Callable[[], bool]]:
    """A function that tells whether every file ``names()`` lists (``count`` of them) is
    in ``out``.

    On a large site a forked child starts looking at once and the function waits for its
    answer. The child only makes system calls and always ends in ``os._exit``; it is
    stopped and reaped when the block ends, however it ends, unless it was reaped already.
    Where the platform cannot fork, or the fork fails, the files are looked for here when
    the function is called."""
    child = _fork_looking(out, names) if count >= _APART_FROM else None
    if child is None:
        yield lambda: _all_in(out, names())
        return
    pid, reading = child
    reaped = False

    def all_there() -> bool:
        nonlocal reaped
        if reaped:
            raise RuntimeError("the answer was read already")
        answer = os.read(reading, 1)
        os.waitpid(pid, 0)
        reaped = True
        return answer == b"1"

    try:
        yield all_there
    finally:
        if not reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        os.close(reading)


def _all_in(out: Path, names: list[str]) -> bool:
    with presence(out) as there:
        return all(map(there, names))


def _fork_looking(out: Path, names: Callable[[], list[str]]) -> tuple[int, int] | None:
    """A child looking for ``names`` in ``out`` and the end of the pipe it answers on."""
    if not hasattr(os, "fork"):  # pragma: no cover - every POSIX system can fork
        return None
    reading, writing = os.pipe()
    # The child must never run the parent's code: signals stay blocked in it (CPython also
    # forgets those that came just before the fork), and the collector off, so that no
    # finalizer of the parent's objects runs there.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _QUIET)
    collecting = gc.isenabled()
    gc.disable()
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:  # pragma: no cover - the child: system calls, then _exit, always
        try:
            os.close(reading)
            os.write(writing, b"1" if _all_in(out, names()) else b"0")
        finally:  # whatever happened, the child never returns to the caller
            os._exit(0)
    if collecting:
        gc.enable()
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    os.close(writing)
    if pid < 0:
        os.close(reading)
        return None
    return pid, reading
