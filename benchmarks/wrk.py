"""Running wrk and reading its report."""

import re
import subprocess
from dataclasses import asdict, dataclass

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class LoadResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    bad_status: int
    bytes_read: int

    @property
    def errors(self) -> int:
        return self.socket_errors + self.bad_status

    def as_dict(self):
        return {**asdict(self), "errors": self.errors}


def run_wrk(
    url: str, *, threads: int, connections: int, duration: str, script=None
) -> LoadResult:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}",
               "--latency", "--timeout", "5s", url]  # fmt: skip
    if script is not None:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=600
    ).stdout
    return parse(output)


def parse(output: str) -> LoadResult:
    """Read wrk's --latency report."""
    done = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(\w+) read", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not (done and rate):
        raise ValueError(f"Unexpected wrk output:\n{output}")
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return LoadResult(
        requests=int(done[1]),
        requests_per_second=float(rate[1]),
        p50_ms=percentile(output, "50"),
        p99_ms=percentile(output, "99"),
        socket_errors=sum(map(int, socket.groups())) if socket else 0,
        bad_status=int(bad[1]) if bad else 0,
        bytes_read=int(float(done[2]) * BYTE_UNITS[done[3]]),
    )


BYTE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def percentile(output: str, which: str) -> float:
    found = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    if not found:
        raise ValueError(f"No {which}th percentile in wrk output:\n{output}")
    return float(found[1]) * UNITS[found[2]]
