"""The benchmark's results as JSON and as a Markdown table."""

import json
from pathlib import Path

from benchmarks.targets import Check
from benchmarks.yardstick import ITERATIONS

RESULTS = Path(__file__).resolve().parent / "results"


def markdown(results: dict, checks: list[Check]) -> str:
    run = results["run"]
    seeded = results["seed"]
    lines = [
        f"# `make bench`: {run['backend']}",
        "",
        f"{run['date']}; {run['cpus']} cores, load average {run['load_before']} "
        f"before the run and {run['load_after']} after it; "
        f"`wrk -t{run['threads']} -c{run['connections']} -d{run['duration']}`, "
        f"after {run['warmup']} of warm-up per page, the median of "
        f"{run.get('runs', 1)} runs with the page cache off and on, made in "
        "rounds over every page (so that each page and the static file are "
        "measured over the same minutes); "
        f"gunicorn as `make serve` "
        f"runs it ({run['server']}); comments paged by "
        f"{run['comments_per_page'] or 'none'} threads.",
        "",
        f"The machine's speed: a loop of {ITERATIONS:,} additions in Python took "
        f"{run['python_loop_ms']} ms before the run (the fastest of 5).",
        "",
        f"Data: {seeded['posts']:,} posts, {seeded['comments']:,} comments, "
        f"{seeded['categories']} categories, {seeded['tags']:,} tags, "
        f"{seeded['series']} series; seeded in {seeded['seconds']:.1f} s.",
        "",
        "Modes: *rendered*, the page cache off, every page rendered for each "
        "request; *cached*, as `make serve` runs. SQL counts a page's queries "
        "as it is rendered; Render ms is the median time to render it "
        "in-process, the page cache off, in its quietest of five rounds "
        "(in brackets, the median of all its renders).",
        "",
    ]
    modes = list(results["worker_rss_mb"])
    lines += [
        "| Page | Path | SQL | Render ms | Bytes | "
        + " | ".join(
            f"{mode.capitalize()} req/s | p50 ms | p99 ms | Errors" for mode in modes
        )
        + " | Cached ÷ static |",
        "| --- | --- | --: | --: | --: | " + "--: | " * (4 * len(modes) + 1),
    ]
    ceiling = next(
        (
            page["load"].get("cached")
            for page in results["pages"]
            if page["name"] == "static"
        ),
        None,
    )
    for page in results["pages"]:
        cells = [
            page["name"],
            f"`{page['path']}`",
            str(page["queries"]),
            f"{page['render_ms']:.1f} ({page['render_all_ms']:.1f})"
            if page.get("render_ms")
            else "–",
            f"{page['bytes']:,}",
        ]
        for mode in modes:
            load = page["load"].get(mode)
            cells += (
                [
                    f"{load['requests_per_second']:,.0f}",
                    f"{load['p50_ms']:.1f}",
                    f"{load['p99_ms']:.1f}",
                    str(load["errors"]),
                ]
                if load
                else ["–"] * 4
            )
        cached = page["load"].get("cached")
        share = (
            cached
            and ceiling
            and cached["requests_per_second"] / ceiling["requests_per_second"]
        )
        cells.append(f"{share:.0%}" if share else "–")
        lines.append("| " + " | ".join(cells) + " |")
    if results.get("scenarios"):
        lines += [
            "",
            "Mixed, cold and nginx runs (see benchmarks/scenarios.py), the page "
            "cache on:",
            "",
            "| Run | req/s | p50 ms | p99 ms | Errors | Note |",
            "| --- | --: | --: | --: | --: | --- |",
        ]
        for run in results["scenarios"]:
            lines.append(
                f"| {run['name']} | {run['requests_per_second']:,.0f} | "
                f"{run['p50_ms']:.1f} | {run['p99_ms']:.1f} | {run['errors']} | "
                f"{run['note']} |"
            )
    lines += wordpress_lines(results)
    lines += [
        "",
        "Worker memory (RSS) after the run, the part of it each worker holds "
        "alone (the rest is shared with the master, which loaded the app "
        "before forking), and the highest RSS during the run:",
        "",
    ]
    for mode, sizes in results["worker_rss_mb"].items():
        after = ", ".join(f"{size:.1f} MB" for size in sizes)
        own = ", ".join(f"{size:.1f}" for size in results["worker_own_mb"][mode])
        peak = results["peak_worker_rss_mb"][mode]
        lines.append(f"- {mode}: {after} (alone: {own} MB); peak {peak:.1f} MB")
    lines += ["", "| Target | Measured | Result |", "| --- | --- | --- |"]
    for item in checks:
        lines.append(
            f"| {item.target} | {item.measured} | {'PASS' if item.passed else 'FAIL'} |"
        )
    return "\n".join(lines) + "\n"


def wordpress_lines(results: dict) -> list[str]:
    wordpress = results.get("wordpress")
    if not wordpress:
        return []
    pages = {page["name"]: page["load"] for page in results["pages"]}
    scenarios = {run["name"]: run for run in results.get("scenarios", [])}
    ours = {
        "post": pages.get("khrushchev", {}).get("rendered"),
        "cold": scenarios.get("cold posts"),
        "zipf": scenarios.get("zipf reads"),
    }
    rows = [
        ("post", "Khrushchev post, the page cache off"),
        ("cold", "posts not read before"),
        ("zipf", "Zipf reads over 3,000 posts"),
    ]
    lines = [
        "",
        "WordPress in the same run, on the same data (benchmarks/wordpress.py: "
        f"Debian's WordPress 6.1, its default theme, PHP-FPM with "
        f"{wordpress['children']} processes behind nginx, no page cache; its "
        f"site built and loaded in {wordpress['seconds_to_load']:.0f} s). Ours "
        "is the rendered mode for the post and the cached mode, as `make "
        "serve` runs, for the rest:",
        "",
        "| Run | WordPress req/s | p99 ms | Errors | Ours req/s | Ours ÷ WordPress |",
        "| --- | --: | --: | --: | --: | --: |",
    ]
    for key, name in rows:
        theirs, mine = wordpress[key], ours[key]
        rate = theirs["requests_per_second"]
        mine_rate = mine and mine["requests_per_second"]
        compared = (
            f"{mine_rate:,.0f} | {mine_rate / max(rate, 1e-9):,.0f}×"
            if mine_rate is not None
            else "– | –"
        )
        lines.append(
            f"| {name} | {rate:,.1f} | {theirs['p99_ms']:,.0f} | "
            f"{theirs['errors']} | {compared} |"
        )
    return lines


def write(results: dict, checks: list[Check]) -> tuple[Path, Path]:
    RESULTS.mkdir(exist_ok=True)
    name = results["run"]["backend"]
    data = RESULTS / f"{name}.json"
    table = RESULTS / f"{name}.md"
    record = {**results, "checks": [vars(item) for item in checks]}
    data.write_text(json.dumps(record, indent=1) + "\n")
    table.write_text(markdown(results, checks))
    return data, table
