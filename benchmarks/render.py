"""`python -m benchmarks.render`: how long each public page takes to render
in-process with the page cache off (what a page costs when no cache can
help), on the benchmark's database (`make bench` seeds it).

Each page is rendered through the whole middleware stack by Django's test
client, once to warm up, then RUNS times in each of ROUNDS rounds; a round
goes through every page in turn, so that a slow minute of a shared machine
weighs on every page alike. Reported per page: the median of its quietest
round (what the code costs; the target's figure) and the median of all its
renders (what the machine's minutes made of it).

The process runs as a worker does (gunicorn.conf.py): the loaded app left
out of garbage collection, and the young generations collected before each
request, that collection timed with the page.
"""

import gc
import os
import statistics
import sys
import time
from itertools import chain

from benchmarks.database import BACKENDS

ROUNDS = 5
RUNS = 20


def render_times(pages, rounds: int = ROUNDS, runs: int = RUNS) -> dict[str, dict]:
    """Per page name, in ms: `quiet`, the median of its quietest round, and
    `all`, the median of all its renders."""
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    samples = {page.name: [] for page in pages}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for page in pages:
            _render(client, page.path)
        gc.collect()
        gc.freeze()
        try:
            for _ in range(rounds):
                for page in pages:
                    samples[page.name].append(
                        [_render(client, page.path) for _ in range(runs)]
                    )
        finally:
            gc.unfreeze()
    return {
        name: {
            "quiet": round(min(statistics.median(each) for each in rounds_), 2),
            "all": round(statistics.median(chain.from_iterable(rounds_)), 2),
        }
        for name, rounds_ in samples.items()
    }


def _render(client, path) -> float:
    """The time in ms of one request for `path`, as a worker serves it."""
    started = time.perf_counter()
    gc.collect(1)
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return elapsed


def main(argv):
    backend = BACKENDS[os.environ.get("BENCH_DATABASE", "sqlite")]
    os.environ.update(backend.environment())
    os.environ.setdefault("GREATLEADERS_COMMENTS_PER_PAGE", "50")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greatleaders.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.pages import bench_pages

    call_command("collectstatic", interactive=False, verbosity=0)

    print(f"{'':13} {'quietest round':>15} {'all renders':>12}")
    for name, ms in render_times(bench_pages()).items():
        print(f"{name:13} {ms['quiet']:12.2f} ms {ms['all']:9.2f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
