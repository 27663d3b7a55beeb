"""The derived layer: what is computed from records, never hand-written (pure, no IO)."""

from agora.status.derive import Claim, Derived, Status, StatusOptions, derive_status
from agora.status.dimensions import Dimension, Reason
from agora.status.links import Backlink, LinkIndex, index_links

__all__ = [
    "Backlink",
    "Claim",
    "Derived",
    "Dimension",
    "LinkIndex",
    "Reason",
    "Status",
    "StatusOptions",
    "derive_status",
    "index_links",
]
