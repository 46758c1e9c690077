"""The production server as `make serve` runs it: gunicorn with
gunicorn.conf.py on 127.0.0.1, on a free port."""

import contextlib
import os
import runpy
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from benchmarks.database import DATA, ROOT

START_SECONDS = 30
# Below this share of one core, all workers together are idle.
IDLE_CPU_PERCENT = 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, environment: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "greatleaders.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env={**os.environ, **environment},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_listening()

    def wait_until_listening(self):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{self.log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not listen:\n{self.log.read_text()}")

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker process, in MB."""
        master = psutil.Process(self.process.pid)
        return [
            round(worker.memory_info().rss / 1024**2, 1) for worker in master.children()
        ]

    def worker_own_mb(self) -> list[float]:
        """Memory each worker holds alone (USS), in MB: its RSS less the
        pages it still shares with the master, which loaded the app before
        forking (preload_app); what one more worker costs the machine."""
        master = psutil.Process(self.process.pid)
        return [
            round(worker.memory_full_info().uss / 1024**2, 1)
            for worker in master.children()
        ]

    @contextlib.contextmanager
    def watching_memory(self, every=0.5):
        """Sample each worker's RSS while the block runs; yields a list that
        holds the highest sample, in MB, once the block is done. Workers are
        renewed every ~20,000 requests (gunicorn.conf.py), so the memory
        after a run may be that of a fresh one: the peak is the real figure."""
        peak = [0.0]
        stop = threading.Event()

        def sample():
            while not stop.wait(every):
                try:
                    peak[0] = max(peak[0], *self.worker_rss_mb(), 0.0)
                except psutil.NoSuchProcess:
                    continue  # a worker was renewed meanwhile

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            yield peak
        finally:
            stop.set()
            sampler.join()

    def wait_until_idle(self, timeout=120.0):
        """Wait for requests that wrk left behind to finish: a slow page must
        not weigh on the next page's figures."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                workers = psutil.Process(self.process.pid).children()
                for worker in workers:
                    worker.cpu_percent(interval=None)
                time.sleep(0.5)
                busy = sum(worker.cpu_percent(interval=None) for worker in workers)
            except psutil.NoSuchProcess:
                continue  # a worker was renewed meanwhile
            if busy < IDLE_CPU_PERCENT:
                return

    def describe(self) -> str:
        config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
        return f"{config['workers']} {config['worker_class']} worker(s)"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def log_path(name: str) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    return DATA / f"{name}.log"
