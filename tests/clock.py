"""Files dated into the past, out of the window in which a cache does not trust a stat."""

from __future__ import annotations

import os
import time
from pathlib import Path


def age(root: Path, seconds: int = 10) -> None:
    """Set the modification time of everything under ``root`` to ``seconds`` ago (FIFOs
    and links left as they are)."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        if not path.is_fifo():
            os.utime(path, (past, past), follow_symlinks=False)
