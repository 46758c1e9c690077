"""Stock nginx with the README's cache configuration (deploy/nginx/) in
front of an app server, on a free port of this machine, for tests and the
benchmark."""

import os
import shutil
import subprocess
from pathlib import Path

from tests.servers import ROOT, free_port, wait_for_port

CONFIG = ROOT / "deploy" / "nginx"
CACHE_PATH = "/var/cache/nginx/greatleaders"
UPSTREAM = "http://127.0.0.1:8000"


def nginx_binary() -> str | None:
    # Debian puts it in sbin, which a user's PATH may lack.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def _app_site(upstream: str, folder: Path, static_dir: Path | None):
    """The README's cache configuration, kept under `folder`, and the
    locations that pass to the app at `upstream`."""
    cache = (
        (CONFIG / "cache.conf").read_text().replace(CACHE_PATH, str(folder / "cache"))
    )
    proxy = (CONFIG / "proxy.conf").read_text().replace(UPSTREAM, upstream)
    static = f"location /bench-static/ {{ alias {static_dir}/; }}" if static_dir else ""
    return cache, f"{static}\n        location / {{\n            {proxy}\n        }}"


class Nginx:
    """nginx serving `upstream` through deploy/nginx/, and `static_dir`
    under /bench-static/ as plain files; or, given `site`, serving that
    server block's locations instead. On `port`, or a free one."""

    def __init__(
        self,
        upstream: str | None,
        folder: Path,
        static_dir: Path | None = None,
        *,
        site: str = "",
        port: int | None = None,
    ):
        self.folder = folder
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        for name in ("cache", "temp"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        cache = ""
        if not site:
            cache, site = _app_site(upstream, folder, static_dir)
        temp = folder / "temp"
        (folder / "nginx.conf").write_text(
            f"""
user root;
worker_processes auto;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    {cache}
    server {{
        listen 127.0.0.1:{self.port};
        {site}
    }}
}}
"""
        )
        self.process = subprocess.Popen(
            [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=(folder / "stderr.log").open("w"),
            env=os.environ,
        )
        try:
            wait_for_port(self.port)
        except TimeoutError:
            self.stop()
            raise AssertionError(
                f"nginx did not start:\n{(folder / 'stderr.log').read_text()}"
                f"{(folder / 'error.log').read_text()}"
            ) from None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
