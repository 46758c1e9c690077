"""Real processes for tests of serving: gunicorn app servers, a throwaway
Redis, and a TCP relay whose port can be closed and opened again to take a
service away and bring it back.

Tests that need PostgreSQL and Redis skip when the suite runs on SQLite; when
the suite runs on them but they cannot be reached, they skip outside CI and
fail in CI (CI=true).
"""

import contextlib
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from redis.exceptions import RedisError

from tests.missing import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
# Bounds every wait on a process or a socket, so that a test can only fail,
# never hang.
WAIT_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, *, open_=True):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            if open_:
                return
        except OSError:
            if not open_:
                return
        time.sleep(0.05)
    raise TimeoutError(f"Port {port} never became {'open' if open_ else 'closed'}.")


def require_postgres_and_redis():
    """Skip unless the suite runs on PostgreSQL with the Redis cache."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip(
            "Needs the suite on PostgreSQL and Redis (DATABASE_URL, REDIS_URL)."
        )
    try:
        cache.get("reachable")
    except (RedisError, OSError) as error:
        skip_or_fail(f"Redis at {settings.REDIS_URL} cannot be reached: {error}")


def database_url_for_servers(*, port=None) -> str:
    """The address of the database the tests use, for other processes."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = urllib.parse.quote(db["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}{host}:{port or db['PORT'] or 5432}/{db['NAME']}"


def collect_static(target: Path):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_STATIC_ROOT": str(target)},
        check=True,
        timeout=120,
    )


@dataclass
class AppServer:
    """One gunicorn, configured as `make serve` does it."""

    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls, env, log_dir: Path):
        port = free_port()
        log = log_dir / f"gunicorn-{port}.log"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "greatleaders.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "GREATLEADERS_PAGE_CACHE_SECONDS": "600",
                # Never the project's own cache folder (see gunicorn.conf.py).
                "DJANGO_CACHE_DIR": str(log_dir / "cache"),
                **env,
            },
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        server = cls(port=port, process=process, log=log)
        try:
            wait_for_port(port)
        except TimeoutError:
            server.stop()
            raise AssertionError(
                f"gunicorn did not start:\n{log.read_text()}"
            ) from None
        return server

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def output(self):
        return self.log.read_text()


@dataclass
class Answer:
    status: int
    headers: dict
    text: str


class Visitor:
    """A browser without a screen: keeps its cookies, follows no redirect.

    It names the site as nginx would for every app server behind it, so that
    all of them see one site (and one page cache)."""

    HOST = "localhost"

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def get(self, path, headers=None):
        return self._open(self.base_url + path, headers=headers)

    def post(self, path, data, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(self.base_url + path, data=body, headers=headers)

    def csrf_token(self, path):
        page = self.get(path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    def log_in(self, username, password):
        token = self.csrf_token("/admin/login/")
        answer = self.post(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        assert answer.status == 302, answer.text

    def _open(self, url, *, headers=None, data=None):
        request = urllib.request.Request(
            url, data=data, headers={"Host": self.HOST, **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=WAIT_SECONDS) as response:
                body = response.read()
                return Answer(response.status, dict(response.headers), _text(body))
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), _text(error.read()))


def _text(body: bytes) -> str:
    return body.decode(errors="replace")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class TcpRelay:
    """Forwards a local port to a service; `close()` makes the port refuse
    connections and cuts those open, as a stopped service would, and
    `open()` brings it back on the same port. `swallow()` makes it a service
    behind a network that drops packets: connections made are never
    answered (and counted in `swallowed`); `forward()` ends that."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self.swallowed = 0
        self._swallowing = False
        self._listener = None
        self._sockets = []
        self._lock = threading.Lock()

    def swallow(self):
        self._cut_connections()
        self._swallowing = True

    def forward(self):
        self._cut_connections()
        self._swallowing = False

    def open(self):
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(
            target=self._accept, args=(self._listener,), daemon=True
        ).start()
        wait_for_port(self.port)

    def close(self):
        self._listener.close()
        self._cut_connections()
        wait_for_port(self.port, open_=False)

    def _cut_connections(self):
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self._swallowing:
                with self._lock:
                    self.swallowed += 1
                    self._sockets.append(client)
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()


def _pipe(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def small_filesystem(path: Path, *, megabytes=8):
    """A tmpfs of its own at `path`, which a test may fill."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        skip_or_fail(f"Cannot mount a tmpfs (needs root): {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


class ThrowawayRedis:
    """A Redis of the test's own on a free port, that it may stop."""

    def __init__(self):
        binary = shutil.which("redis-server")
        if not binary:
            skip_or_fail("redis-server not found: apt-get install -y redis-server")
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def freeze(self):
        """Stop the server answering, its connections left open, as a Redis
        stuck on a slow disk or a long command would."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        self.thaw()
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=WAIT_SECONDS)
        wait_for_port(self.port, open_=False)
