"""Comments sent at the same moment, through two app servers sharing the
database: the duplicate and flood rules hold as they do for comments sent
one after the other (issue 20)."""

import threading
from collections import Counter
from dataclasses import dataclass
from http import HTTPStatus

import pytest

from posts.comments.submission import DUPLICATE, FLOOD
from posts.comments.submission_lock import hold_submission_lock, lock_keys
from posts.models import Comment
from tests.commenting import comment_data
from tests.factories import CommentFactory, PostFactory
from tests.servers import AppServer, Visitor

pytestmark = pytest.mark.django_db(transaction=True)

# Comments sent at once in each trial, alternating between the two servers.
AT_ONCE = 10
TRIALS = 3

FOUND, CONFLICT, TOO_MANY = (
    HTTPStatus.FOUND,
    HTTPStatus.CONFLICT,
    HTTPStatus.TOO_MANY_REQUESTS,
)


@dataclass
class Send:
    post: object
    form: dict
    address: str


@pytest.fixture
def servers(shared_data, collected_static, tmp_path):
    # Behind one proxy, as behind nginx, so that each trial's sender has an
    # address of its own and one trial's comments do not flood the next's.
    env = {
        "DJANGO_STATIC_ROOT": str(collected_static),
        "GREATLEADERS_TRUSTED_PROXY_COUNT": "1",
        **shared_data,
    }
    first = AppServer.start(env, tmp_path)
    second = AppServer.start(env, tmp_path)
    yield first, second
    first.stop()
    second.stop()


def send_at_once(servers, sends: list[Send]):
    """Post every comment in `sends` at the same moment, alternating between
    the servers; return the answers, in order."""
    answers = [None] * len(sends)
    ready = threading.Barrier(len(sends))

    def send(index, to):
        visitor = Visitor(servers[index % len(servers)].url)
        ready.wait()
        answers[index] = visitor.post(
            to.post.get_absolute_url(), to.form, {"X-Forwarded-For": to.address}
        )

    threads = [threading.Thread(target=send, args=item) for item in enumerate(sends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def statuses(answers) -> Counter:
    return Counter(answer.status for answer in answers)


@pytest.mark.servers
def test_a_comment_sent_many_times_at_once_is_stored_once(servers):
    trials = []
    for trial in range(TRIALS):
        post = PostFactory()
        form = comment_data(
            text="Said once, sent ten times.", author_email=f"nina{trial}@example.com"
        )
        answers = send_at_once(
            servers, [Send(post, form, f"203.0.113.{trial}")] * AT_ONCE
        )
        trials.append((post, answers))

    for post, answers in trials:
        assert statuses(answers) == {FOUND: 1, CONFLICT: AT_ONCE - 1}
        assert post.comments.count() == 1
        refused = next(answer for answer in answers if answer.status == CONFLICT)
        assert DUPLICATE.split(";")[0] in refused.text
        assert "Said once, sent ten times." in refused.text


@pytest.mark.servers
def test_a_burst_of_comments_from_one_address_stores_one(servers):
    trials = []
    for trial in range(TRIALS):
        post = PostFactory()
        sends = [
            Send(
                post,
                comment_data(
                    text=f"Comment {n} of a burst.",
                    author_name=f"Reader {n}",
                    author_email=f"reader{trial}-{n}@example.com",
                ),
                f"198.51.100.{trial}",
            )
            for n in range(AT_ONCE)
        ]
        trials.append((post, send_at_once(servers, sends)))

    for post, answers in trials:
        assert statuses(answers) == {FOUND: 1, TOO_MANY: AT_ONCE - 1}
        assert post.comments.count() == 1
        refused = next(answer for answer in answers if answer.status == TOO_MANY)
        assert FLOOD in refused.text


@pytest.mark.servers
def test_a_burst_from_one_email_over_two_posts_stores_one(servers):
    posts = [PostFactory(), PostFactory()]
    sends = [
        Send(
            posts[n % 2],
            comment_data(text=f"Comment {n} of a burst."),
            f"192.0.2.{n}",
        )
        for n in range(AT_ONCE)
    ]

    answers = send_at_once(servers, sends)

    assert statuses(answers) == {FOUND: 1, TOO_MANY: AT_ONCE - 1}
    assert Comment.objects.filter(author_email="nina@example.com").count() == 1


def test_submissions_that_could_clash_share_a_lock():
    first = CommentFactory.build(
        post=PostFactory.build(pk=7),
        ip_address="192.0.2.1",
        author_email="Nina@Example.com",
    )
    other_post = PostFactory.build(pk=8)
    same_email = CommentFactory.build(
        post=other_post, ip_address="192.0.2.2", author_email="nina@example.com"
    )
    same_address = CommentFactory.build(
        post=other_post, ip_address="192.0.2.1", author_email=""
    )
    same_post = CommentFactory.build(
        post=first.post, ip_address="192.0.2.2", author_email="olga@example.com"
    )
    unrelated = CommentFactory.build(
        post=other_post, ip_address="192.0.2.2", author_email="olga@example.com"
    )

    for clashing in [same_email, same_address, same_post]:
        assert lock_keys(first) & lock_keys(clashing)
    assert not lock_keys(first) & lock_keys(unrelated)


def test_the_lock_refuses_to_be_taken_outside_a_transaction():
    comment = CommentFactory.build(post=PostFactory.build(pk=7))

    with pytest.raises(RuntimeError):
        hold_submission_lock(comment)
