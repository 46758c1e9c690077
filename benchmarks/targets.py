"""The targets of the benchmark (issue 7), checked against a run's results."""

from dataclasses import dataclass

MAX_QUERIES = 8
MAX_WORKER_RSS_MB = 60
CACHED_MIN_SHARE_OF_STATIC = 0.8
# Issue 14: WordPress 6.1 with PHP-FPM and no page cache served the
# Khrushchev post at 60 req/s and unread posts of the same data at 40 req/s
# on the machine it was measured on; five times that is the target. When the
# run measures WordPress itself (benchmarks.wordpress), five times its rate
# is the target wherever that is higher: the issue's rates stay a floor,
# because Debian's site measured here may be slower than the one measured then.
WORDPRESS_POST_RPS = 60
WORDPRESS_COLD_RPS = 40
TIMES_WORDPRESS = 5
RENDER_MAX_MS = 5.0
MIXED_MIN_SHARE_OF_READS = 0.8
MIXED_MAX_P99_MS = 100
NGINX_MIN_SHARE_OF_STATIC = 0.8
# The modes the targets judge: the page cache off and on.
JUDGED_MODES = {"rendered", "cached"}


@dataclass
class Check:
    target: str
    measured: str
    passed: bool


def check(results: dict) -> list[Check]:
    """`results` as the runner writes them: pages with their queries and,
    per mode, their load results; worker memory per mode."""
    pages = {page["name"]: page for page in results["pages"]}

    def load(name, mode):
        return pages[name]["load"][mode]

    checks = []
    runs = [
        (page, mode, load)
        for page in pages.values()
        for mode, load in page["load"].items()
    ]
    errors = sum(load["errors"] for _, _, load in runs)
    errors += sum(run["errors"] for run in results.get("scenarios", []))
    checks.append(Check("0 errors under load", f"{errors} errors", errors == 0))

    queries = {
        name: page["queries"] for name, page in pages.items() if name != "static"
    }
    if queries:  # A run of the static file alone has none.
        worst = max(queries, key=queries.get)
        checks.append(
            Check(
                f"every page ≤ {MAX_QUERIES} SQL queries",
                f"at most {queries[worst]} ({worst})",
                queries[worst] <= MAX_QUERIES,
            )
        )

    rendered = {
        name: page["render_ms"]
        for name, page in pages.items()
        if page.get("render_ms") is not None
    }
    if rendered:
        slowest = max(rendered, key=rendered.get)
        checks.append(
            Check(
                f"every page renders in ≤ {RENDER_MAX_MS:.0f} ms in-process, "
                "the page cache off (its quietest round)",
                f"at most {rendered[slowest]:.1f} ms ({slowest})",
                rendered[slowest] <= RENDER_MAX_MS,
            )
        )

    wordpress = results.get("wordpress") or {}
    if "khrushchev" in pages and "rendered" in pages["khrushchev"]["load"]:
        run = load("khrushchev", "rendered")
        checks.append(
            times_wordpress(
                "Khrushchev post, the page cache off",
                run["requests_per_second"],
                WORDPRESS_POST_RPS,
                wordpress.get("post"),
            )
        )

    checks += scenario_checks(
        {s["name"]: s for s in results.get("scenarios", [])}, wordpress
    )

    if "static" in pages and "cached" in pages["static"]["load"]:
        ceiling = max(load("static", "cached")["requests_per_second"], 1e-9)
        for name, page in pages.items():
            if name == "static" or "cached" not in page["load"]:
                continue
            share = page["load"]["cached"]["requests_per_second"] / ceiling
            checks.append(
                Check(
                    f"cached {name} ≥ {CACHED_MIN_SHARE_OF_STATIC:.0%} of static req/s",
                    f"{share:.0%}",
                    share >= CACHED_MIN_SHARE_OF_STATIC,
                )
            )

    for mode, sizes in results["worker_rss_mb"].items():
        if mode not in JUDGED_MODES:
            continue
        # Judged on the highest sample during the runs as well: a worker
        # renewed near the end would make the figure after the run look small.
        peak = results["peak_worker_rss_mb"][mode]
        checks.append(
            Check(
                f"worker RSS ≤ {MAX_WORKER_RSS_MB} MB ({mode})",
                ", ".join(f"{size:.0f} MB" for size in sizes)
                + f" after the run; {peak:.0f} MB at the peak",
                all(size <= MAX_WORKER_RSS_MB for size in [*sizes, peak]),
            )
        )
    return checks


def times_wordpress(what: str, ours: float, issue_rate: int, measured) -> Check:
    """Ours against five times WordPress: its rate in this run, or the
    issue's, whichever is higher."""
    here = measured["requests_per_second"] if measured else 0.0
    floor = TIMES_WORDPRESS * max(issue_rate, here)
    shown = f"{ours:.0f} req/s"
    if measured:
        shown += (
            f"; WordPress {here:.1f} req/s in this run ({ours / max(here, 1e-9):.0f}×)"
            f", {issue_rate} in issue 14"
        )
    return Check(
        f"{what} ≥ {TIMES_WORDPRESS}× WordPress ({floor:.0f} req/s)",
        shown,
        ours >= floor,
    )


def scenario_checks(runs: dict, wordpress: dict) -> list[Check]:
    checks = []
    alone, busy = runs.get("zipf reads"), runs.get("zipf reads, approvals")
    if alone and busy:
        share = busy["requests_per_second"] / max(alone["requests_per_second"], 1e-9)
        checks.append(
            Check(
                f"Zipf reads with an approval every 5 s ≥ "
                f"{MIXED_MIN_SHARE_OF_READS:.0%} of reads alone, p99 < "
                f"{MIXED_MAX_P99_MS} ms",
                f"{share:.0%} ({busy['requests_per_second']:.0f} of "
                f"{alone['requests_per_second']:.0f} req/s), p99 "
                f"{busy['p99_ms']:.1f} ms",
                share >= MIXED_MIN_SHARE_OF_READS and busy["p99_ms"] < MIXED_MAX_P99_MS,
            )
        )
    if cold := runs.get("cold posts"):
        checks.append(
            times_wordpress(
                "posts not read before",
                cold["requests_per_second"],
                WORDPRESS_COLD_RPS,
                wordpress.get("cold"),
            )
        )
    kept, static = runs.get("nginx: cached post"), runs.get("nginx: static file")
    if kept and static:
        share = kept["requests_per_second"] / max(static["requests_per_second"], 1e-9)
        checks.append(
            Check(
                f"post kept by nginx ≥ {NGINX_MIN_SHARE_OF_STATIC:.0%} of nginx "
                "serving the same bytes from a file",
                f"{share:.0%} ({kept['requests_per_second']:,.0f} of "
                f"{static['requests_per_second']:,.0f} req/s)",
                share >= NGINX_MIN_SHARE_OF_STATIC,
            )
        )
    return checks
