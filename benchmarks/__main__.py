"""`python -m benchmarks`: seed the benchmark's database, load each page
through gunicorn with wrk, with the page cache off and on, and report.

Exits with status 1 when a target is missed (see benchmarks.targets).
"""

import argparse
import datetime
import json
import os
import sys
import time

from benchmarks.database import BACKENDS, DATA, clear_cache, exists, recreate
from benchmarks.wrk import run_wrk

# How the server runs in each mode. "rendered": the page cache off, every
# page rendered for each request; "cached": as `make serve` runs, which is
# also the mode of the mixed, cold and nginx runs (benchmarks.scenarios).
MODES = {
    "rendered": {"GREATLEADERS_PAGE_CACHE_SECONDS": "0"},
    "cached": {"GREATLEADERS_PAGE_CACHE_SECONDS": "600"},
}


def arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--database", choices=BACKENDS, default="sqlite")
    parser.add_argument("--duration", default="15s", help="wrk's -d for each page")
    parser.add_argument("--warmup", default="2s", help="wrk's -d before each page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="wrk runs of each page in the modes with targets; the median "
        "by requests per second is kept",
    )
    parser.add_argument(
        "--pages", default="", help="comma-separated page names; all by default"
    )
    parser.add_argument(
        "--comments-per-page",
        type=int,
        default=50,
        help="GREATLEADERS_COMMENTS_PER_PAGE for the server (WordPress's 50)",
    )
    parser.add_argument(
        "--mixed-duration",
        default="30s",
        help="wrk's -d for each mixed run (reads alone, then with approvals)",
    )
    parser.add_argument(
        "--no-scenarios",
        action="store_true",
        help="load the pages only: no mixed, cold or nginx run",
    )
    parser.add_argument(
        "--no-wordpress",
        action="store_true",
        help="do not measure WordPress on the same data (benchmarks.wordpress)",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="reuse the database of the last run instead of seeding afresh",
    )
    parser.add_argument(
        "--seed-only", action="store_true", help="seed the database and stop"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = arguments(argv)
    backend = BACKENDS[args.database]
    environment = {
        **backend.environment(),
        "GREATLEADERS_COMMENTS_PER_PAGE": str(args.comments_per_page),
    }
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greatleaders.settings")
    seed_file = DATA / f"seed-{backend.name}.json"
    reseed = not (args.keep_data and exists(backend) and seed_file.exists())
    if reseed:
        recreate(backend)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from benchmarks import pages as bench
    from benchmarks import report, scenarios, seed, targets, yardstick
    from benchmarks.render import render_times
    from benchmarks.server import Server, log_path

    call_command("migrate", verbosity=0)
    if reseed:
        print(f"Seeding the {backend.name} database…", flush=True)
        seeded = seed.seed()
        seed_file.write_text(json.dumps(seeded))
    seeded = json.loads(seed_file.read_text())
    print(f"Seeded in {seeded['seconds']:.1f} s.", flush=True)
    if args.seed_only:
        return 0
    call_command("collectstatic", interactive=False, verbosity=0)

    pages = bench.bench_pages()
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [page for page in pages if page.name in wanted]
    bench.measure(pages)
    print("Rendering each page in-process, the page cache off…", flush=True)
    rendered_ms = render_times(pages)
    khrushchev = bench.bench_pages()[1]
    static = bench.write_static_copy(settings.STATIC_ROOT, khrushchev)
    pages.append(static)
    read_set = scenarios.read_set()
    unread = scenarios.unread_posts(read_set)
    connections.close_all()

    results = {
        "run": {
            "backend": backend.name,
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "load_before": round(os.getloadavg()[0], 2),
            "python_loop_ms": yardstick.python_loop_ms(),
            "threads": args.threads,
            "connections": args.connections,
            "duration": args.duration,
            "warmup": args.warmup,
            "runs": args.runs,
            "comments_per_page": args.comments_per_page,
        },
        "seed": seeded,
        "pages": [
            {
                **vars(page),
                "render_ms": rendered_ms.get(page.name, {}).get("quiet"),
                "render_all_ms": rendered_ms.get(page.name, {}).get("all"),
                "load": {},
            }
            for page in pages
        ],
        "scenarios": [],
        "worker_rss_mb": {},
        "peak_worker_rss_mb": {},
        "worker_own_mb": {},
    }
    peaks = {}
    for mode in args.modes.split(","):
        clear_cache(backend)
        server_env = {**environment, **MODES[mode]}
        with Server(server_env, log_path(f"gunicorn-{backend.name}-{mode}")) as server:
            load = dict(threads=args.threads, connections=args.connections)
            for page in pages:
                run_wrk(server.url + page.path, duration=args.warmup, **load)
                server.wait_until_idle()
            # A run now and then is slower by a third for reasons outside the
            # server (the machine is shared): the median of a few runs is the
            # figure that holds. The runs go in rounds over every page, so
            # that each page and the static file it is compared with are
            # measured over the same minutes.
            runs = args.runs if mode in targets.JUDGED_MODES else 1
            measured = {page.name: [] for page in pages}
            with server.watching_memory() as peak:
                for round_ in range(1, runs + 1):
                    for page in pages:
                        url = server.url + page.path
                        run = run_wrk(url, duration=args.duration, **load)
                        measured[page.name].append(run)
                        server.wait_until_idle()
                        print(
                            f"  {mode} round {round_} of {runs}: {page.name}"
                            f" {run.requests_per_second:.0f} req/s",
                            flush=True,
                        )
            peaks[mode] = max(peaks.get(mode, 0.0), peak[0])
            for page, record in zip(pages, results["pages"], strict=True):
                ran = sorted(
                    measured[page.name], key=lambda run: run.requests_per_second
                )
                result = ran[len(ran) // 2]
                record["load"][mode] = result.as_dict()
                print(
                    f"{mode:8} {page.name:13} {result.requests_per_second:8.0f} req/s"
                    f"  p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms"
                    f"  errors {result.errors}",
                    flush=True,
                )
            if mode == "cached" and not args.no_scenarios:
                ran = scenarios.mixed(
                    server,
                    read_set,
                    duration=args.mixed_duration,
                    warmup=args.warmup,
                    **load,
                )
                ran.append(
                    scenarios.cold(server, unread, duration=args.duration, **load)
                )
                ran += scenarios.through_nginx(
                    server,
                    khrushchev.path,
                    static,
                    duration=args.duration,
                    warmup=args.warmup,
                    **load,
                )
                for scenario in ran:
                    result = scenario.result
                    print(
                        f"{scenario.name:24} {result.requests_per_second:8.0f} req/s"
                        f"  p99 {result.p99_ms:6.1f} ms  errors {result.errors}"
                        f"  {scenario.note}",
                        flush=True,
                    )
                results["scenarios"] = [scenario.as_dict() for scenario in ran]
            results["worker_rss_mb"][mode] = server.worker_rss_mb()
            results["worker_own_mb"][mode] = server.worker_own_mb()
            results["peak_worker_rss_mb"][mode] = peaks[mode]
            results["run"]["server"] = server.describe()
    if not args.no_wordpress:
        results["wordpress"] = measure_wordpress(
            args, khrushchev.path, read_set, unread
        )
    results["run"]["load_after"] = round(os.getloadavg()[0], 2)

    checks = targets.check(results)
    data, table = report.write(results, checks)
    print()
    for item in checks:
        print(f"{'PASS' if item.passed else 'FAIL'}  {item.target}: {item.measured}")
    print(f"\nResults: {table.relative_to(DATA.parent.parent)} and {data.name}")
    return 0 if all(item.passed for item in checks) else 1


def measure_wordpress(args, post_path, read_set, unread) -> dict | None:
    """WordPress on the same data, once our server has stopped, so that
    the two never share the machine."""
    from benchmarks import wordpress

    if lacking := wordpress.missing():
        print(f"WordPress is not measured: this machine lacks {lacking}.")
        return None
    print("Measuring WordPress on the same data…", flush=True)
    try:
        measured = wordpress.measure(
            post_path,
            read_set,
            unread,
            threads=args.threads,
            connections=args.connections,
            duration=args.duration,
            warmup=args.warmup,
            runs=args.runs,
        )
    except wordpress.Failed as failure:
        # Our own figures are measured by now: they are still reported.
        print(f"WordPress could not be measured: {failure}", flush=True)
        return None
    for name, result in [("post", measured.post), ("cold posts", measured.cold),
                         ("zipf reads", measured.zipf)]:  # fmt: skip
        print(
            f"wordpress {name:14} {result.requests_per_second:8.1f} req/s"
            f"  p99 {result.p99_ms:6.1f} ms  errors {result.errors}",
            flush=True,
        )
    return measured.as_dict()


if __name__ == "__main__":
    started = time.monotonic()
    status = main(sys.argv[1:])
    print(f"make bench took {time.monotonic() - started:.0f} s.")
    sys.exit(status)
