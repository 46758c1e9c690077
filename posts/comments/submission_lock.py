"""Comment submissions that could clash take turns.

Storing a comment checks that it is no duplicate and no flood, then writes
it. Two requests sent at once, to one app server or to several, would both
pass the checks before either wrote (issue 20: the same comment sent ten
times at once was stored up to six times, and a burst from one address got
four comments past the flood rule). So the checks and the write run in one
transaction that first waits until no other submission it could clash with
is between its own checks and its write:

- on PostgreSQL it takes transaction-level advisory locks named after the
  post (duplicates are looked for on one post) and after the sender's IP
  address and email (the flood rule counts them on every post). Every
  submission takes its locks in one order, so none waits for one that waits
  for it; the locks go with the transaction's end, after its comment is
  visible to the next holder.
- on SQLite every transaction begins with BEGIN IMMEDIATE (see DATABASES
  in the settings), which takes the database's one write lock at once:
  transactions that write take turns from their first statement.

Locks rather than unique constraints: the duplicate rule matches the same
name or the same email and ignores trashed comments, imported comments
may break it already, and the flood rule is a time window: no constraint
says that. The rules stay written once, as queries, and hold under concurrency.
Submissions that cannot clash (other posts, other senders) never wait for
each other on PostgreSQL; on SQLite all writes take turns anyway.
"""

import hashlib

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from posts.models import Comment

# The advisory lock keys of this rule, apart from any other's.
NAMESPACE = "greatleaders.comment-submission"


def hold_submission_lock(comment: Comment) -> None:
    """Wait, inside the current transaction, until no other submission that
    could duplicate `comment` or flood with it is checking or writing; the
    lock is held until the transaction ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("A submission lock lasts for a transaction: open one.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for key in sorted(lock_keys(comment)):
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
    elif connection.vendor == "sqlite":
        mode = connection.settings_dict["OPTIONS"].get("transaction_mode")
        if mode not in {"IMMEDIATE", "EXCLUSIVE"}:
            raise ImproperlyConfigured(
                "Comment submissions take turns through SQLite's write lock: "
                'set DATABASES["default"]["OPTIONS"]["transaction_mode"] to '
                '"IMMEDIATE".'
            )
    else:
        raise ImproperlyConfigured(
            f"Comment submissions cannot take turns on {connection.vendor}."
        )


def lock_keys(comment: Comment) -> set[int]:
    """The advisory lock keys (signed 64-bit) of what `comment` could clash
    on: its post, its sender's address and its sender's email. Two keys
    that collide only make unrelated submissions take turns."""
    names = [f"post:{comment.post_id}", f"ip:{comment.ip_address}"]
    if comment.author_email:
        # The rules compare emails regardless of case.
        names.append(f"email:{comment.author_email.lower()}")
    return {advisory_key(name) for name in names}


def advisory_key(name: str) -> int:
    digest = hashlib.blake2b(f"{NAMESPACE}:{name}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)
