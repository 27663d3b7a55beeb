"""Run a function over batches of items, in worker processes when there are enough."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["PARALLEL_FROM", "map_batches"]

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 2_000
"""Below this many items, starting worker processes costs more than it saves."""
_BATCH = 500


def map_batches(
    function: Callable[[Sequence[T], Any], list[R]],
    items: Sequence[T],
    workers: int,
    argument: Any,
    *,
    parallel_from: int = PARALLEL_FROM,
    batch: int = _BATCH,
) -> Iterator[R]:
    """Yield ``function(batch, argument)``'s results for every batch of ``items``, in order.

    With ``workers`` > 1 and enough items, batches run in that many forked processes and
    results stream back as batches finish, so the caller works while the workers do.
    ``parallel_from`` and ``batch`` suit cheap items; pass smaller ones for costly items.
    ``function`` must be a module-level function (it is sent to the workers by name).
    """
    if workers <= 1 or len(items) < parallel_from:
        yield from function(items, argument)
        return
    batches = [items[i : i + batch] for i in range(0, len(items), batch)]
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_worker_started) as pool:
        for results in pool.map(function, batches, [argument] * len(batches)):
            yield from results


def _worker_started() -> None:
    # A worker allocates many small objects that all live until its batch is sent back;
    # the cyclic collector would only re-scan them.
    gc.disable()


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds and shares the imported modules; elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
