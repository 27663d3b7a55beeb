"""The derived layer: what is computed from records, never hand-written (pure, no IO)."""

from agora.status.links import Backlink, LinkIndex, index_links

__all__ = ["Backlink", "LinkIndex", "index_links"]
