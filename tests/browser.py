"""Helpers for real-browser tests: find Chromium, serve a built site, collect page errors."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page, Request, Response

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """The Chromium executable to drive: ``AGORA_CHROMIUM``, else the system's.

    Skips the calling test when Chromium or Playwright is missing, and fails it instead
    when ``AGORA_REQUIRE_BROWSER=1`` (CI sets it, so a missing browser is never a silent pass).
    """
    candidates = [os.environ.get("AGORA_CHROMIUM", ""), "/usr/bin/chromium"]
    candidates += [shutil.which(name) or "" for name in ("chromium", "chromium-browser")]
    found = next((c for c in candidates if c and os.access(c, os.X_OK)), None)
    missing = []
    if found is None:
        missing.append("Chromium (apt-get install chromium, or set AGORA_CHROMIUM)")
    try:
        import playwright.sync_api  # noqa: F401 - only checking that it is installed
    except ImportError:
        missing.append("Playwright (pip install -e '.[dev]')")
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("AGORA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"AGORA_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    assert found is not None
    return found


class _Handler(SimpleHTTPRequestHandler):
    """Static files like a plain web host: ``/x/`` serves ``x/index.html``, misses get 404.html."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not (path / "index.html").is_file():
            path = Path("/nonexistent")
        if not path.exists():
            page = Path(self.directory) / "404.html"
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: pytest shows failures, not access logs."""


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yields the base URL (no trailing slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class PageErrors:
    """Console errors, uncaught exceptions and failed same-origin requests of one page."""

    base: str
    document: str = ""
    errors: list[str] = field(default_factory=list)

    def _same_origin(self, url: str) -> bool:
        return url.startswith(self.base + "/")

    def _console(self, message: ConsoleMessage) -> None:
        # A 404 page's own status is logged as a console error; the document is exempt.
        if message.type == "error" and message.location.get("url") != self.document:
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _uncaught(self, error: Exception) -> None:
        self.errors.append(f"uncaught: {error}")

    def _failed(self, request: Request) -> None:
        if self._same_origin(request.url):
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        failed = self._same_origin(response.url) and response.status >= 400
        if failed and response.url != self.document:
            self.errors.append(f"HTTP {response.status}: {response.url}")


@contextmanager
def watching(page: Page, base: str, document: str = "") -> Iterator[PageErrors]:
    """Collect the errors ``page`` shows while the block runs (``document`` may answer 404)."""
    errors = PageErrors(base, document)
    handlers: list[tuple[str, Callable[[Any], None]]] = [
        ("console", errors._console),
        ("pageerror", errors._uncaught),
        ("requestfailed", errors._failed),
        ("response", errors._response),
    ]
    for event, handler in handlers:
        page.on(event, handler)  # type: ignore[call-overload]
    try:
        yield errors
    finally:
        for event, handler in handlers:
            page.remove_listener(event, handler)
