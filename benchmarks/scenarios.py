"""The loads operators live with, beyond one page at a time:

- *mixed*: readers spread over 3,000 posts by popularity (Zipf: the n-th
  most read post is read 1/n as often as the first), first alone, then
  while a moderator approves one comment every 5 s through the admin's
  bulk action (`Comment.objects.set_status`), which expires that post's
  pages and the lists showing it;
- *cold*: each request a post not read before in the run, what rendering
  costs when no cache can help;
- *nginx*: a post kept by nginx with the README's cache configuration
  (deploy/nginx/), against nginx serving a file of the same size.
"""

import random
import threading
from dataclasses import dataclass
from pathlib import Path

from benchmarks.database import DATA
from benchmarks.wrk import LoadResult, run_wrk

READ_SET = 3_000
APPROVE_EVERY_SECONDS = 5.0

ZIPF_SCRIPT = """
local paths = {%(paths)s}
local cdf = {%(cdf)s}
%(thread_ids)s
function init(args)
  math.randomseed(os.time() * 7919 + id)
end
function request()
  local r = math.random()
  local lo, hi = 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo])
end
"""

# Each thread walks its own share of the posts, never one twice.
WALK_SCRIPT = """
local paths = {%(paths)s}
local threads = %(threads)d
%(thread_ids)s
function init(args)
  index = id
end
function request()
  local path = paths[index]
  index = index + threads
  if index > #paths then index = id end
  return wrk.format("GET", path)
end
"""


# Gives each wrk thread its number, `id`, from 1.
THREAD_IDS = """local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end"""


def _lua_strings(paths: list[str]) -> str:
    return ",".join(f'"{path}"' for path in paths)


def zipf_script(paths: list[str]) -> Path:
    weights = [1 / rank for rank in range(1, len(paths) + 1)]
    total, running, cdf = sum(weights), 0.0, []
    for weight in weights:
        running += weight
        cdf.append(running / total)
    script = DATA / "zipf.lua"
    script.write_text(
        ZIPF_SCRIPT
        % {
            "paths": _lua_strings(paths),
            "cdf": ",".join(f"{p:.8f}" for p in cdf),
            "thread_ids": THREAD_IDS,
        }
    )
    return script


def walk_script(paths: list[str], threads: int) -> Path:
    script = DATA / "walk.lua"
    script.write_text(
        WALK_SCRIPT
        % {"paths": _lua_strings(paths), "threads": threads, "thread_ids": THREAD_IDS}
    )
    return script


def read_set(seed_value: int = 11) -> list[str]:
    """3,000 published posts, most read first."""
    from posts.models import Post

    posts = list(Post.objects.published().only("slug", "published_at"))
    random.Random(seed_value).shuffle(posts)
    return [post.get_absolute_url() for post in posts[:READ_SET]]


def unread_posts(read: list[str], seed_value: int = 13) -> list[str]:
    """Every other published post, in a random order."""
    from posts.models import Post

    taken = set(read)
    paths = [
        post.get_absolute_url()
        for post in Post.objects.published().only("slug", "published_at")
    ]
    paths = [path for path in paths if path not in taken]
    random.Random(seed_value).shuffle(paths)
    return paths


class Moderator:
    """Approves one held comment every few seconds, on the posts being
    read (the popular ones most often), as the admin's bulk action does."""

    def __init__(self, paths: list[str], every: float = APPROVE_EVERY_SECONDS):
        from posts.models import Comment, Post

        slugs = [path.rstrip("/").rsplit("/", 1)[-1] for path in paths[:100]]
        posts = list(Post.objects.filter(slug__in=slugs))
        self.held = [
            Comment.objects.create(
                post=post,
                author_name="A new reader",
                author_email="reader@example.com",
                text="Held until a moderator sees it.",
                status=Comment.Status.PENDING,
            )
            for post in posts
        ]
        self.every = every
        self.approved = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        from django.db import connection

        from posts.models import Comment

        while not self._stop.wait(self.every) and self.held:
            comment = self.held.pop(0)
            Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.APPROVED)
            self.approved += 1
        connection.close()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


@dataclass
class Scenario:
    name: str
    result: LoadResult
    note: str = ""

    def as_dict(self):
        return {"name": self.name, "note": self.note, **self.result.as_dict()}


# How fast pages are at least rendered when the read set is first read.
WARMING_RATE = 20


def mixed(server, paths, *, threads, connections, duration, warmup) -> list[Scenario]:
    # Warm: every post of the read set read once, as on a site read for a
    # while, then the Zipf reads themselves.
    run_wrk(
        server.url,
        duration=f"{len(paths) // WARMING_RATE}s",
        threads=threads,
        connections=connections,
        script=walk_script(paths, threads),
    )
    script = zipf_script(paths)
    load = dict(threads=threads, connections=connections, script=script)
    run_wrk(server.url, duration=warmup, **load)
    server.wait_until_idle()
    alone = run_wrk(server.url, duration=duration, **load)
    server.wait_until_idle()
    with Moderator(paths) as moderator:
        busy = run_wrk(server.url, duration=duration, **load)
    server.wait_until_idle()
    return [
        Scenario("zipf reads", alone),
        Scenario(
            "zipf reads, approvals",
            busy,
            f"{moderator.approved} comments approved, one every "
            f"{APPROVE_EVERY_SECONDS:.0f} s",
        ),
    ]


def cold(server, paths, *, threads, connections, duration) -> Scenario:
    script = walk_script(paths, threads)
    result = run_wrk(
        server.url,
        duration=duration,
        threads=threads,
        connections=connections,
        script=script,
    )
    server.wait_until_idle()
    return Scenario("cold posts", result, "each request a post not read before")


def through_nginx(
    server, post_path, static, *, threads, connections, duration, warmup
) -> list[Scenario]:
    """The Khrushchev post through nginx's cache, then nginx serving the
    static copy of it: the ceiling for a page any cache in front keeps."""
    from tests.nginx import Nginx, nginx_binary

    if nginx_binary() is None:
        print("nginx is not installed: no run through nginx.", flush=True)
        return []
    static_file = Path(static.path).name
    from django.conf import settings

    folder = Path(settings.STATIC_ROOT) / Path(static.path).parent.name
    front = Nginx(server.url, DATA / "nginx", static_dir=folder)
    load = dict(threads=threads, connections=connections)
    try:
        figures = []
        for name, path in [
            ("nginx: cached post", post_path),
            ("nginx: static file", f"/bench-static/{static_file}"),
        ]:
            run_wrk(front.url + path, duration=warmup, **load)
            figures.append(
                Scenario(name, run_wrk(front.url + path, duration=duration, **load))
            )
    finally:
        front.stop()
    server.wait_until_idle()
    return figures
