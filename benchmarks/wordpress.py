"""WordPress beside us, in the same run and on the same data: Debian's
`wordpress` package (6.1, the release issue 14 measured, with its default
theme) under PHP-FPM behind nginx, with no page cache, as most WordPress
sites run. Its rates are the yardstick of the "5× WordPress" targets, so
those targets are judged at the speed of the machine that runs them.

Needs Debian's packages wordpress, php-fpm and php-mysql, nginx, and a
MariaDB or MySQL server that root reaches through the local socket without
a password (Debian's default). Without them the run says what is missing,
and the targets fall back to the rates WordPress had on the machine the
issue was measured on (benchmarks.targets).
"""

import glob
import os
import secrets
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.database import DATA
from benchmarks.wrk import LoadResult, run_wrk

SOURCE = Path("/usr/share/wordpress")
FOLDER = DATA / "wordpress"
DATABASE = "greatleaders_bench_wordpress"
# Tag terms are numbered from here, above every category's.
TAG_TERM_OFFSET = 1_000_000
ROWS_PER_INSERT = 500
START_SECONDS = 30
# Two PHP processes a core: more gave WordPress no more requests a second.
CHILDREN_PER_CPU = 2


class Failed(Exception):
    """WordPress could not be installed, loaded or served here."""


def php_fpm() -> str | None:
    if found := shutil.which("php-fpm"):
        return found
    # Debian names it after the PHP release (php-fpm8.2), in sbin.
    releases = sorted(glob.glob("/usr/sbin/php-fpm*"))
    return releases[-1] if releases else None


def missing() -> str | None:
    """What this machine lacks to run WordPress, or None."""
    from tests.nginx import nginx_binary

    needs = {
        "Debian's wordpress package": (SOURCE / "wp-settings.php").exists(),
        "php-fpm": php_fpm() is not None,
        "php (the command line)": shutil.which("php") is not None,
        "nginx": nginx_binary() is not None,
        "the mysql client": shutil.which("mysql") is not None,
    }
    lacking = [name for name, present in needs.items() if not present]
    if lacking:
        return ", ".join(lacking)
    try:
        mysql("SELECT 1")
    except Failed:
        return "a MySQL or MariaDB server that root reaches without a password"
    return None


def mysql(sql: str = "", *, database: str = "", source: Path | None = None):
    command = ["mysql", "--user=root", "--batch", "--skip-column-names"]
    if database:
        command.append(database)
    stdin = source.open("rb") if source else None
    try:
        return _run(command, input=None if source else sql.encode(), stdin=stdin)
    finally:
        if stdin:
            stdin.close()


def _run(command: list[str], **options) -> str:
    """`command`'s output; Failed, with what it said, if it fails."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=900, **options)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise Failed(f"{command[0]}: {error}") from error
    if done.returncode:
        said = (done.stderr or done.stdout).decode(errors="replace").strip()
        raise Failed(f"{' '.join(command[:2])} exited with {done.returncode}: {said}")
    return done.stdout.decode(errors="replace")


# -- the site's data, as WordPress keeps it ----------------------------------


def _quote(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):  # and bool, written as 0 or 1
        return str(int(value))
    text = str(value)
    for plain, escaped in (("\\", "\\\\"), ("'", "\\'"), ("\0", "\\0"),
                           ("\n", "\\n"), ("\r", "\\r"), ("\x1a", "\\Z")):  # fmt: skip
        text = text.replace(plain, escaped)
    return f"'{text}'"


def _inserts(out, table: str, columns: list[str], rows):
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES\n"
    batch = []
    for row in rows:
        batch.append("(" + ",".join(map(_quote, row)) + ")")
        if len(batch) == ROWS_PER_INSERT:
            out.write(head + ",\n".join(batch) + ";\n")
            batch = []
    if batch:
        out.write(head + ",\n".join(batch) + ";\n")


def _dates(moment):
    """WordPress's local and GMT columns of one moment."""
    from django.utils import timezone

    return (
        timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S"),
        moment.astimezone(timezone.UTC).strftime("%Y-%m-%d %H:%M:%S"),
    )


def _post_status(status, published_at, now) -> str:
    from posts.models import Post

    if status == Post.Status.PUBLISHED:
        return "publish" if published_at <= now else "future"
    wordpress = {Post.Status.PRIVATE: "private", Post.Status.PENDING: "pending"}
    return wordpress.get(status, "draft")


POST_COLUMNS = [
    "ID",
    "post_author",
    "post_date",
    "post_date_gmt",
    "post_content",
    "post_title",
    "post_excerpt",
    "post_status",
    "comment_status",
    "ping_status",
    "post_name",
    "to_ping",
    "pinged",
    "post_modified",
    "post_modified_gmt",
    "post_content_filtered",
    "guid",
    "post_type",
    "comment_count",
]


def _post_rows(home: str):
    from django.utils import timezone

    from posts.models import Post

    now = timezone.now()
    fields = ("pk", "title", "slug", "body", "excerpt", "status", "published_at",
              "created_at", "updated_at", "comments_open", "comment_count")  # fmt: skip
    rows = Post.objects.order_by("pk").values_list(*fields)
    for pk, title, slug, body, excerpt, status, when, created, *rest in rows.iterator(
        chunk_size=1000
    ):
        updated, comments_open, comment_count = rest
        when = when or created
        yield (
            *(pk, 1, *_dates(when), body, title, excerpt),
            _post_status(status, when, now),
            "open" if comments_open else "closed",
            *("open", slug, "", "", *_dates(updated), ""),
            *(f"{home}/?p={pk}", "post", comment_count),
        )


COMMENT_COLUMNS = [
    "comment_ID",
    "comment_post_ID",
    "comment_author",
    "comment_author_email",
    "comment_author_url",
    "comment_author_IP",
    "comment_date",
    "comment_date_gmt",
    "comment_content",
    "comment_approved",
    "comment_agent",
    "comment_type",
    "comment_parent",
]


def _comment_rows():
    from posts.models import Comment

    statuses = {
        Comment.Status.APPROVED: "1",
        Comment.Status.PENDING: "0",
        Comment.Status.SPAM: "spam",
        Comment.Status.TRASH: "trash",
    }
    fields = ("pk", "post_id", "author_name", "author_email", "author_url",
              "ip_address", "created_at", "text", "status", "user_agent",
              "parent_id")  # fmt: skip
    rows = Comment.objects.order_by("pk").values_list(*fields)
    for pk, post, name, email, url, address, created, text, *rest in rows.iterator(
        chunk_size=2000
    ):
        status, agent, parent = rest
        yield (
            *(pk, post, name, email, url, address or "", *_dates(created), text),
            *(statuses[status], agent, "comment", parent or 0),
        )


def _terms():
    """Categories and tags as WordPress terms: (id, name, slug, taxonomy,
    description, parent), and which posts each is filed under."""
    from posts.models import Category, Post, Tag, TaggedPost

    categories = Category.objects.values_list(
        "pk", "name", "slug", "description", "parent_id"
    )
    tags = Tag.objects.values_list("pk", "name", "slug", "description")
    terms = [
        (pk, name, slug, "category", description, parent or 0)
        for pk, name, slug, description, parent in categories
    ] + [
        (TAG_TERM_OFFSET + pk, name, slug, "post_tag", description, 0)
        for pk, name, slug, description in tags
    ]
    filed = list(
        Post.categories.through.objects.values_list("post_id", "category_id")
    ) + [
        (post, TAG_TERM_OFFSET + tag)
        for post, tag in TaggedPost.objects.values_list("content_object_id", "tag")
    ]
    return terms, filed


def write_site_sql(path: Path, home: str) -> None:
    """Our benchmark's posts, comments, categories and tags as rows of
    WordPress's tables, with our ids: every post keeps its address."""
    from posts.models import Post

    published = set(Post.objects.published().values_list("pk", flat=True))
    terms, filed = _terms()
    counts: dict[int, int] = {}
    for post, term in filed:
        if post in published:
            counts[term] = counts.get(term, 0) + 1
    with path.open("w", encoding="utf-8") as out:
        for table in ("posts", "postmeta", "comments", "commentmeta", "terms",
                      "term_taxonomy", "term_relationships"):  # fmt: skip
            out.write(f"TRUNCATE wp_{table};\n")
        _inserts(out, "wp_posts", POST_COLUMNS, _post_rows(home))
        _inserts(out, "wp_comments", COMMENT_COLUMNS, _comment_rows())
        _inserts(out, "wp_terms", ["term_id", "name", "slug"], (t[:3] for t in terms))
        _inserts(
            out,
            "wp_term_taxonomy",
            [
                "term_taxonomy_id",
                "term_id",
                "taxonomy",
                "description",
                "parent",
                "count",
            ],
            ((pk, pk, *rest, counts.get(pk, 0)) for pk, _, _, *rest in terms),
        )
        _inserts(out, "wp_term_relationships", ["object_id", "term_taxonomy_id"], filed)


# -- the site, served ---------------------------------------------------------

CONFIG = """<?php
define('DB_NAME', '%(database)s');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '%(url)s');
define('WP_SITEURL', '%(url)s');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
%(keys)s
$table_prefix = 'wp_';
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
"""

INSTALL = """<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '%(host)s';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Great Leaders', 'admin', 'admin@example.com', true, '',
           wp_generate_password());
"""

SETTINGS = """<?php
$_SERVER['HTTP_HOST'] = '%(host)s';
require __DIR__ . '/wp-load.php';
update_option('timezone_string', '%(time_zone)s');
update_option('default_category', %(default_category)d);
update_option('permalink_structure', '/%%year%%/%%monthnum%%/%%postname%%/');
flush_rewrite_rules(false);
"""

POOL = """[global]
pid = %(folder)s/php-fpm.pid
error_log = %(folder)s/php-fpm.log
daemonize = no

[site]
%(user)s
listen = %(folder)s/php-fpm.sock
pm = static
pm.max_children = %(children)d
"""

# The server block's locations, behind tests.nginx's stock configuration.
NGINX_SITE = """root %(site)s;
        index index.php;
        location / { try_files $uri $uri/ /index.php?$args; }
        location ~ \\.php$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            # Debian's fastcgi_params drops the port, which WordPress's
            # canonical redirect then adds back, for ever.
            fastcgi_param HTTP_HOST $http_host;
            fastcgi_pass unix:%(folder)s/php-fpm.sock;
        }"""


@dataclass
class Measured:
    post: LoadResult
    cold: LoadResult
    zipf: LoadResult
    children: int
    seconds_to_load: float

    def as_dict(self):
        return {
            "post": self.post.as_dict(),
            "cold": self.cold.as_dict(),
            "zipf": self.zipf.as_dict(),
            "children": self.children,
            "seconds_to_load": self.seconds_to_load,
        }


class WordPress:
    """A WordPress site with our benchmark's data, served by PHP-FPM's
    `children` processes behind nginx."""

    def __init__(self, children: int):
        from tests.servers import free_port

        self.children = children
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.site = FOLDER / "site"
        self.fpm: subprocess.Popen | None = None
        self.front = None

    def build(self) -> float:
        """Install WordPress afresh and load the data; the seconds it took."""
        from django.conf import settings

        from posts.models import Category

        started = time.monotonic()
        shutil.rmtree(FOLDER, ignore_errors=True)
        FOLDER.mkdir(parents=True)
        # A copy, because WordPress reads its configuration beside its own
        # files, where Debian's package keeps one for the whole machine.
        shutil.copytree(SOURCE, self.site, symlinks=False,
                        ignore=shutil.ignore_patterns(".htaccess"))  # fmt: skip
        keys = "\n".join(
            f"define('{kind}_{what}', '{secrets.token_hex(32)}');"
            for kind in ("AUTH", "SECURE_AUTH", "LOGGED_IN", "NONCE")
            for what in ("KEY", "SALT")
        )
        self._write_config(keys)
        mysql(f"DROP DATABASE IF EXISTS {DATABASE}; CREATE DATABASE {DATABASE} "
              "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;")  # fmt: skip
        host = f"127.0.0.1:{self.port}"
        self._php(INSTALL % {"host": host})
        sql = FOLDER / "site.sql"
        write_site_sql(sql, self.url)
        mysql(database=DATABASE, source=sql)
        first = Category.objects.order_by("pk").values_list("pk", flat=True).first()
        self._php(
            SETTINGS
            % {
                "host": host,
                "time_zone": settings.TIME_ZONE,
                "default_category": first or 1,
            }
        )
        return time.monotonic() - started

    def _write_config(self, keys: str):
        (self.site / "wp-config.php").write_text(
            CONFIG % {"database": DATABASE, "url": self.url, "keys": keys}
        )

    def _php(self, script: str):
        path = self.site / "bench-step.php"
        path.write_text(script)
        try:
            _run(["php", str(path)])
        finally:
            path.unlink()

    def __enter__(self):
        from tests.nginx import Nginx

        root = os.geteuid() == 0
        pool = FOLDER / "php-fpm.conf"
        pool.write_text(
            POOL
            % {
                "folder": FOLDER,
                "children": self.children,
                "user": "user = root\ngroup = root" if root else "",
            }
        )
        fpm = [php_fpm(), "--nodaemonize", "--fpm-config", str(pool)]
        if root:
            fpm.append("--allow-to-run-as-root")
        log = (FOLDER / "php-fpm.out").open("a")
        self.fpm = subprocess.Popen(fpm, stdout=log, stderr=log, start_new_session=True)
        try:
            self.front = Nginx(
                None,
                FOLDER / "nginx",
                site=NGINX_SITE % {"folder": FOLDER, "site": self.site},
                port=self.port,
            )
            self._wait_until_serving()
        except (OSError, AssertionError) as error:
            self.__exit__()
            raise Failed(f"the site did not answer: {error}") from error
        return self

    def _wait_until_serving(self):
        # nginx listens before PHP-FPM's children do.
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=10) as response:
                    if response.status == 200:
                        return
            except OSError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)

    def __exit__(self, *exc):
        if self.front:
            self.front.stop()
        self.fpm.terminate()
        try:
            self.fpm.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.fpm.kill()
            self.fpm.wait()


def measure(post_path: str, read_set: list[str], unread: list[str], **load) -> Measured:
    """WordPress's rates for what the targets compare: the Khrushchev post
    (the median of `runs`), posts not read before, Zipf reads. `load` is
    wrk's threads, connections and duration, the warm-up and the runs."""
    try:
        return _measure(post_path, read_set, unread, **load)
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        raise Failed(str(error)) from error


def _measure(post_path, read_set, unread, *, warmup, runs, **load) -> Measured:
    from benchmarks import scenarios

    site = WordPress(CHILDREN_PER_CPU * (os.cpu_count() or 1))
    seconds = site.build()
    post, threads = site.url + post_path, load["threads"]
    with site:
        run_wrk(post, **{**load, "duration": warmup})
        posts = sorted(
            (run_wrk(post, **load) for _ in range(runs)),
            key=lambda run: run.requests_per_second,
        )
        cold = run_wrk(site.url, script=scenarios.walk_script(unread, threads), **load)
        zipf = scenarios.zipf_script(read_set)
        run_wrk(site.url, script=zipf, **{**load, "duration": warmup})
        zipf_run = run_wrk(site.url, script=zipf, **load)
    return Measured(posts[len(posts) // 2], cold, zipf_run, site.children, seconds)
