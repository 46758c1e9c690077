"""What the fuzz tests sent, and what came back: `make fuzz` prints it."""

from collections import Counter

STATUSES: Counter[int] = Counter()


def answered(send):
    """Send a request with `send()` and check its answer: never a server
    error, never a traceback. An exception the request raised counts as the
    500 it would be."""
    try:
        response = send()
    except Exception:
        STATUSES[500] += 1
        raise
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, response
    assert b"Traceback" not in response.content
    return response


def summary() -> str:
    statuses = ", ".join(
        f"{status}: {count}" for status, count in sorted(STATUSES.items())
    )
    errors = sum(count for status, count in STATUSES.items() if status >= 500)
    return (
        f"fuzz: {STATUSES.total()} requests; statuses {statuses}; "
        f"{errors} answered 500 or more"
    )
