"""Run the live server: uvicorn on the site, and a watcher that reloads it on change."""

from __future__ import annotations

import errno
import gc
import logging
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import uvicorn
from watchfiles import watch

from agora import engine
from agora.errors import ListenError
from agora.reader import find_layout
from agora.reader.files import printable_path
from agora.settings import Settings
from agora.web.app import create_app
from agora.web.live import LiveSite

__all__ = ["serve"]

_log = logging.getLogger("agora.web")
_BACKLOG = 2048
"""Connections the kernel queues until the server accepts them (uvicorn's own default)."""


def serve(
    path: Path,
    settings: Settings,
    host: str,
    port: int,
    *,
    reload: bool = True,
    started: Callable[[str], None] | None = None,
) -> None:
    """Serve the ledger at ``path`` on ``host``:``port`` until interrupted; ``started`` is
    told the address once the ledger is read and the port is taken (port 0: a free one).

    Raises:
        LedgerNotFoundError: ``path`` holds no ledger.
        ListenError: nothing can listen on ``host``:``port``.
    """
    listening = _listen(host, port)
    try:
        taken = listening.getsockname()[1]
        address = _address(host, taken)
        if "base_url" not in settings.model_fields_set:  # feeds link to where they are served
            settings = settings.model_copy(update={"base_url": _reachable(host, taken)})
        site = LiveSite(path, settings)
    except BaseException:
        listening.close()
        raise
    _warn_left_out(site)
    _settle()
    listening.listen(_BACKLOG)  # from here a browser told the address is answered, not refused
    if started is not None:
        started(f"{address}/")
    stop = threading.Event()
    if reload:
        content = find_layout(path).content
        threading.Thread(target=_watch, args=(site, content, stop), daemon=True).start()
    config = uvicorn.Config(
        create_app(site),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        server_header=False,
    )
    try:
        uvicorn.Server(config).run(sockets=[listening])
    finally:
        stop.set()
        listening.close()


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port``, or an error that says why there is none."""
    if not 0 <= port <= 65535:
        raise ListenError(
            f"--port {port} is not a port number",
            hint="Use a number from 1 to 65535 (0 picks a free port).",
        )
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise ListenError(
            f"--host {host!r} is not an address of this machine ({_reason(exc)})",
            hint="Use 127.0.0.1 (this machine only), 0.0.0.0 (every network) or ::1.",
        ) from exc
    family, kind, protocol, _, address = found[0]
    listening = socket.socket(family, kind, protocol)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as exc:
        listening.close()
        if exc.errno == errno.EADDRINUSE:
            raise ListenError(
                f"port {port} on {host} is already in use",
                hint=f"Stop what listens there, or choose another port: --port {port + 1}.",
            ) from exc
        raise ListenError(
            f"cannot listen on {host} port {port} ({_reason(exc)})",
            hint="Ports below 1024 need privileges; choose another --port or --host.",
        ) from exc
    return listening


def _address(host: str, port: int) -> str:
    """The address a browser on this machine opens: ``http://host:port``."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


_ANY = {"0.0.0.0": "127.0.0.1", "::": "::1", "::0": "::1"}
"""Wildcard hosts (every network), and this machine's loopback address in their family."""


def _reachable(host: str, port: int) -> str:
    """The address of ``host``:``port`` a reader on this machine can open: a wildcard host
    is not one, so its family's loopback address stands in for it."""
    return _address(_ANY.get(host, host), port)


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def _settle() -> None:
    """Keep what the first read made out of the cyclic collector's way for good.

    Most of it (documents, records, validations, statuses, search descriptions) stays
    alive across reloads, which keep unchanged files' objects; without this, each reload of
    a large ledger ends in a full collection that re-scans all of it (3 s at 100,000
    events). What a reload replaces is freed all the same, by its reference counts: records
    and models hold no cycles. The one exception is the first state's renderer (Jinja
    environments refer to themselves), kept once and never again: later ones are made
    after the freeze and collected as usual."""
    gc.collect()
    gc.freeze()


def _warn_left_out(site: LiveSite) -> None:
    """Say which record files have no page, as ``agora build`` does."""
    if site.left_out:
        _log.warning("%s", engine.left_out_warning(site.left_out, site.path))


def _watch(site: LiveSite, content: Path, stop: threading.Event) -> None:
    try:
        str(content).encode("utf-8")
    except UnicodeEncodeError:  # the watcher takes UTF-8 paths only
        _log.warning(
            "warning: %s is not watched for changes, since its name is not UTF-8; pages will "
            "not reload\n  hint: rename the folder in UTF-8, or restart agora serve after "
            "each change.",
            printable_path(str(content)),
        )
        return
    for changes in watch(content, stop_event=stop, debounce=200, step=100):
        started = time.perf_counter()
        try:
            taken = site.reload(changed={Path(name) for _, name in changes})
            _log.warning("%s", _reloaded(len(changes), taken, time.perf_counter() - started))
            _warn_left_out(site)
        except Exception:  # a broken file must not stop the server; the old site stays
            _log.exception("reload failed; still serving the previous version")


def _reloaded(changes: int, taken: int | None, seconds: float) -> str:
    """What a reload after ``changes`` did: the text of ``taken`` records taken in place, or
    (None) the whole ledger read again."""
    files = "1 file" if changes == 1 else f"{changes} files"
    if taken is None:
        return f"content changed ({files}); ledger read again in {seconds:.2f} s"
    records = "1 record" if taken == 1 else f"{taken} records"
    return f"content changed ({files}); text of {records} updated in {seconds:.2f} s"
