"""Run the live server: uvicorn on the site, and a watcher that reloads it on change."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import uvicorn
from watchfiles import watch

from agora.reader import find_layout
from agora.settings import Settings
from agora.web.app import create_app
from agora.web.live import LiveSite

__all__ = ["serve"]

_log = logging.getLogger("agora.web")


def serve(path: Path, settings: Settings, host: str, port: int, *, reload: bool = True) -> None:
    """Serve the ledger at ``path`` on ``host``:``port`` until interrupted."""
    site = LiveSite(path, settings)
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
        uvicorn.Server(config).run()
    finally:
        stop.set()


def _watch(site: LiveSite, content: Path, stop: threading.Event) -> None:
    for changes in watch(content, stop_event=stop, debounce=200, step=100):
        _log.warning("content changed (%d files); reloading", len(changes))
        try:
            site.reload()
        except Exception:  # a broken file must not stop the server; the old site stays
            _log.exception("reload failed; still serving the previous version")
