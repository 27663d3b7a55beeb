"""The live server's ASGI application: every page of the site, from memory.

A plain ASGI callable rather than a framework router: a page that is already rendered is
answered with one dictionary lookup, which is what bounds the server's throughput.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from agora.web.live import LiveSite, Response

__all__ = ["create_app"]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_log = logging.getLogger("agora.web")
_ERROR_PAGE = (
    b"<!doctype html><html lang=en><meta charset=utf-8><title>Error \xc2\xb7 Agora</title>"
    b"<h1>Something went wrong</h1><p>The page could not be shown. The error has been "
    b"logged on the server; please try again.</p></html>"
)


def create_app(site: LiveSite) -> ASGIApp:
    """The ASGI application serving ``site``."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await _send(send, Response(405, b"Only GET and HEAD.", "text/plain"), method, {})
            return
        path: str = scope["path"]
        query = scope.get("query_string", b"").decode("latin-1")
        try:
            response = (None if query else site.cached(path)) or site.get(path, query)
        except Exception:  # one handler for every error: logged, never shown
            _log.exception("error while serving %s", path)
            response = Response(500, _ERROR_PAGE, "text/html; charset=utf-8", cacheable=False)
        await _send(send, response, method, _headers(scope))

    return app


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {name.lower(): value for name, value in scope.get("headers", [])}


async def _send(send: Send, response: Response, method: str, request: dict[bytes, bytes]) -> None:
    headers = [
        (b"content-type", response.content_type.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]
    status, body = response.status, response.body
    if response.location:
        headers.append((b"location", response.location.encode()))
    if response.etag:
        headers.append((b"etag", response.etag.encode()))
        if request.get(b"if-none-match") == response.etag.encode():
            status, body = 304, b""
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
