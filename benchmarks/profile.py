"""`python -m benchmarks.profile PATH [COUNT]`: where the time of one page
goes, rendered COUNT times (20) through the whole middleware stack with the
page cache off, against the benchmark's database (`make bench` seeds it)."""

import os
import sys

from benchmarks.database import BACKENDS


def main(argv):
    path, count = argv[0], int(argv[1]) if len(argv) > 1 else 20
    backend = BACKENDS[os.environ.get("BENCH_DATABASE", "sqlite")]
    os.environ.update(backend.environment())
    os.environ["GREATLEADERS_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("GREATLEADERS_COMMENTS_PER_PAGE", "50")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greatleaders.settings")

    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)
    with Profiler(interval=0.0005) as profiler:
        for _ in range(count):
            client.get(path)
    print(profiler.output_text(unicode=True, color=sys.stdout.isatty()))


if __name__ == "__main__":
    main(sys.argv[1:])
