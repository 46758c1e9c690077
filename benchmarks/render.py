"""`python -m benchmarks.render`: how long each public page takes to render
in-process with the page cache off (what a page costs when no cache can
help), on the benchmark's database (`make bench` seeds it).

Each page is rendered through the whole middleware stack by Django's test
client, once to warm up, then RUNS times; the median is reported.
"""

import os
import statistics
import sys
import time

from benchmarks.database import BACKENDS

RUNS = 50


def render_times(pages, runs: int = RUNS) -> dict[str, float]:
    """The median time, in ms, of rendering each page's path."""
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    times = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for page in pages:
            client.get(page.path)
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                response = client.get(page.path)
                samples.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{page.path} answered {response.status_code}")
            times[page.name] = round(statistics.median(samples), 2)
    return times


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

    for name, ms in render_times(bench_pages()).items():
        print(f"{name:13} {ms:7.2f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
