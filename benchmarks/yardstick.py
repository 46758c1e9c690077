"""How fast this machine's cores run Python at the time of a run.

Shared machines are not always as fast: on some days every page, the
static file included, runs at half its usual rate. The time of a fixed
loop, taken before the pages are loaded, tells such a run from a slower
server when runs of different days are compared.
"""

import time

ITERATIONS = 5_000_000


def python_loop_ms(repeats: int = 5) -> float:
    """The fastest of `repeats` runs of a loop of ITERATIONS additions, in ms."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for number in range(ITERATIONS):
            total += number
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)
