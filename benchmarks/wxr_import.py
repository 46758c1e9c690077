"""Benchmark: import a generated WordPress export of 10,000 posts and 100,000
comments, import it again (nothing to do), then export the site again;
report the time and peak memory of each, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/wxr_import.py [--posts N] [--comments-per-post N]
        [--database sqlite|postgres|both]

Each database is measured in a process of its own, on a throwaway database
made the way the test suite makes its own, removed afterwards: SQLite in a
temporary folder; on PostgreSQL (the server BENCH_POSTGRES names, as for
the load benchmark) `test_` and the name BENCH_IMPORT_DATABASE gives,
`gl_bench_import` unless told. Peak memory is the process's peak resident
size, read before and after each step: the import streams the file, so its
peak should not grow with it. The machine's speed at the time (a fixed loop
of Python additions, see benchmarks.yardstick) is printed first.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greatleaders.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from benchmarks.database import POSTGRES_SERVER  # noqa: E402
from benchmarks.yardstick import python_loop_ms  # noqa: E402
from posts.exporters.wxr import export_wxr  # noqa: E402
from posts.importers.wxr import import_wxr  # noqa: E402

DATABASES = {
    "sqlite": "",  # the settings' own: SQLite
    "postgres": f"{POSTGRES_SERVER}/"
    + os.environ.get("BENCH_IMPORT_DATABASE", "gl_bench_import"),
}

START = datetime(2008, 1, 1, tzinfo=UTC)
PARAGRAPH = (
    "Khrushchev spoke for four hours to a closed session of the congress, "
    "and the delegates listened in silence as the man they had been taught "
    "to revere was described as a tyrant. Some fainted; others wept."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments-per-post", type=int, default=10)
    parser.add_argument("--database", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.file:
        # One database, in this process: the parent made the file.
        measure(options.file)
        return
    print(f"Machine speed: a loop of additions takes {python_loop_ms():.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        with export.open("w", encoding="utf-8") as out:
            write_export(out, options.posts, options.comments_per_post)
        size = export.stat().st_size
        print(
            f"Generated {options.posts:,} posts and "
            f"{options.posts * options.comments_per_post:,} comments: "
            f"{size / 2**20:.1f} MiB of WXR",
            flush=True,
        )
        names = list(DATABASES) if options.database == "both" else [options.database]
        for name in names:
            environment = dict(os.environ)
            if DATABASES[name]:
                environment["DATABASE_URL"] = DATABASES[name]
            else:
                environment.pop("DATABASE_URL", None)
            subprocess.run(
                [sys.executable, __file__, "--file", str(export)],
                env=environment,
                check=True,
            )


def measure(export: Path) -> None:
    """Import `export` into a new database, import it again, export it."""
    with tempfile.TemporaryDirectory() as folder:
        database = connection.settings_dict
        if database["ENGINE"].endswith("sqlite3"):
            # On disk, not in memory, so that the database is not counted as
            # the importer's memory.
            database.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.db")
        old_name = database["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            print(f"Database: {connection.vendor}")
            baseline = peak_rss()
            started, cpu = time.perf_counter(), time.process_time()
            report = import_wxr(export)
            seconds = time.perf_counter() - started
            after_import = peak_rss()
            print(
                f"  Import: {seconds:.1f} s ({time.process_time() - cpu:.1f} s of "
                f"this process's CPU), {report.created['posts']:,} posts and "
                f"{report.created['comments']:,} comments; peak memory "
                f"{after_import / 2**20:.0f} MiB "
                f"({(after_import - baseline) / 2**20:.0f} MiB above the "
                f"{baseline / 2**20:.0f} MiB before it)"
            )
            started, cpu = time.perf_counter(), time.process_time()
            report = import_wxr(export)
            seconds = time.perf_counter() - started
            print(
                f"  Import again: {seconds:.1f} s ({time.process_time() - cpu:.1f} s "
                "of CPU), "
                f"{sum(report.created.values()):,} records created, "
                f"{report.existing['posts']:,} posts and "
                f"{report.existing['comments']:,} comments already here; "
                f"peak memory {peak_rss() / 2**20:.0f} MiB"
            )
            started = time.perf_counter()
            with open(os.devnull, "w", encoding="utf-8") as nowhere:
                counts = export_wxr(nowhere)
            seconds = time.perf_counter() - started
            print(
                f"  Export: {seconds:.1f} s, {counts['posts']:,} posts and "
                f"{counts['comments']:,} comments; peak memory "
                f"{peak_rss() / 2**20:.0f} MiB",
                flush=True,
            )
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def peak_rss() -> int:
    """The process's peak resident memory so far, in bytes (Linux counts KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def write_export(out, posts: int, comments_per_post: int) -> None:
    """A WXR 1.2 file in WordPress's shape: classic-editor bodies, categories
    and tags, and threaded comments, some replies written before their
    parents."""
    out.write(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        "<title>Benchmark</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
    )
    for author in range(5):
        out.write(
            f"<wp:author><wp:author_id>{author + 1}</wp:author_id>"
            f"<wp:author_login>author{author}</wp:author_login>"
            f"<wp:author_display_name>Author {author}</wp:author_display_name>"
            "</wp:author>\n"
        )
    for category in range(20):
        parent = f"category-{category // 5 * 5}" if category % 5 else ""
        out.write(
            f"<wp:category><wp:term_id>{category + 1}</wp:term_id>"
            f"<wp:category_nicename>category-{category}</wp:category_nicename>"
            f"<wp:category_parent>{parent}</wp:category_parent>"
            f"<wp:cat_name>Category {category}</wp:cat_name></wp:category>\n"
        )
    comment_id = 0
    for number in range(posts):
        post_id = number + 1000
        date = START + timedelta(hours=number * 7)
        body = "\n\n".join([PARAGRAPH] * 6)
        out.write(
            "<item>\n"
            f"<title>Post number {number}</title>\n"
            f"<link>https://old.example.com/{date:%Y/%m/%d}/post-{number}/</link>\n"
            f"<dc:creator>author{number % 5}</dc:creator>\n"
            f"<content:encoded><![CDATA[<h2>Part {number}</h2>\n{body}]]>"
            "</content:encoded>\n"
            "<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n"
            f"<wp:post_id>{post_id}</wp:post_id>\n"
            f"<wp:post_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>\n"
            f"<wp:post_name>post-{number}</wp:post_name>\n"
            "<wp:status>publish</wp:status>\n<wp:post_type>post</wp:post_type>\n"
            f'<category domain="category" nicename="category-{number % 20}">'
            f"Category {number % 20}</category>\n"
            f'<category domain="post_tag" nicename="tag-{number % 100}">'
            f"Tag {number % 100}</category>\n"
            "<wp:postmeta><wp:meta_key>_edit_last</wp:meta_key>"
            "<wp:meta_value>1</wp:meta_value></wp:postmeta>\n"
        )
        first = comment_id + 1
        for index in range(comments_per_post):
            comment_id += 1
            # Every third comment replies to the one after it, so that the
            # reply comes first in the file; the others start threads.
            parent = comment_id + 1 if index % 3 == 1 else 0
            if index == comments_per_post - 1:
                parent = first
            when = date + timedelta(minutes=index + 1)
            out.write(
                "<wp:comment>"
                f"<wp:comment_id>{comment_id}</wp:comment_id>"
                f"<wp:comment_author>Reader {comment_id}</wp:comment_author>"
                f"<wp:comment_author_email>reader{comment_id}@example.com"
                "</wp:comment_author_email>"
                "<wp:comment_author_url>https://reader.example.org/"
                "</wp:comment_author_url>"
                "<wp:comment_author_IP>192.0.2.7</wp:comment_author_IP>"
                f"<wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
                "<wp:comment_content><![CDATA[A thoughtful comment on this post.\n\n"
                "With a second paragraph.]]></wp:comment_content>"
                "<wp:comment_approved>1</wp:comment_approved>"
                f"<wp:comment_parent>{parent}</wp:comment_parent>"
                "</wp:comment>\n"
            )
        out.write("</item>\n")
    out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
