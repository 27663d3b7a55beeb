"""The live server: the site's pages from memory, search, and reload on change."""

from agora.web.app import create_app
from agora.web.live import LiveSite, Response

__all__ = ["LiveSite", "Response", "create_app"]
