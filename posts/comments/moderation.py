"""Comment policy: which status a new comment starts with, and why.

Pure rules, no I/O: the caller gathers the facts that need the database
(whether the commenter is trusted or known) and passes them in. The rules and
their order follow WordPress's check_comment() and wp_allow_comment(); the
anti-spam checks (honeypot, time to submit) are ours.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from posts.models import Comment

# What count_links() looks for: an HTML anchor tag, taken whole up to its
# ">" (or the end of the text), and the start of a web address.
LINK_TOKEN = re.compile(r"<a\s[^>]*|https?://|www\.", re.IGNORECASE)
WEB_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    status: Comment.Status
    reason: str = ""


@dataclass(frozen=True)
class Submission:
    """What the form tells about how the comment was sent."""

    honeypot: str = ""
    seconds_to_submit: float | None = None


def count_links(text: str) -> int:
    """Links a comment carries: anchors and bare web addresses alike, since
    comments are plain text whose addresses become links when shown. An
    anchor with an `href` is one link, whatever address it names."""
    # Time in proportion to the text, whatever its shape (issue 20: "<a "
    # repeated made a pattern that looked for "href" after each "<a " read
    # the rest of the text again from every one). Tokens never overlap;
    # "[^>]*" ends its branch, so it takes all it can and gives nothing back;
    # the other branches are a few fixed characters. Each character is thus
    # read a bounded number of times, here and in the tag's own scan.
    links = 0
    for token in LINK_TOKEN.findall(text):
        is_address = not token.startswith("<")
        if is_address or "href" in token.lower():
            links += 1
        else:
            # An anchor without href links nowhere; addresses in it still do.
            links += len(WEB_ADDRESS.findall(token))
    return links


def matching_key(comment: Comment, keys: list[str]) -> str | None:
    """The first key found, case-insensitively, in any field the commenter
    controls (WordPress checks name, email, URL, text, IP and user agent)."""
    fields = [
        comment.author_name,
        comment.author_email,
        comment.author_url,
        comment.text,
        comment.ip_address or "",
        comment.user_agent,
    ]
    haystack = "\n".join(fields).casefold()
    return next((key for key in keys if key.casefold() in haystack), None)


def judge(
    comment: Comment, *, trusted: bool, known_commenter: bool, submission: Submission
) -> Verdict:
    """Return the status a newly submitted comment starts with.

    `trusted`: a moderator, or the post's author. `known_commenter`: the same
    account, or the same name and email, has an approved comment already.
    """
    if trusted:
        return Verdict(Comment.Status.APPROVED, "")

    if submission.honeypot:
        return Verdict(Comment.Status.SPAM, "Filled in the field hidden from people.")
    if submission.seconds_to_submit is None:
        return Verdict(Comment.Status.SPAM, "Sent without the comment form's token.")
    if submission.seconds_to_submit < settings.COMMENTS_MIN_SECONDS_TO_SUBMIT:
        return Verdict(
            Comment.Status.SPAM,
            f"Sent {submission.seconds_to_submit:.1f} s after the form was "
            "shown, faster than a person types.",
        )
    if key := matching_key(comment, settings.COMMENTS_DISALLOWED_KEYS):
        return Verdict(Comment.Status.SPAM, f"Contains the disallowed word “{key}”.")

    if settings.COMMENTS_MANUAL_MODERATION:
        return Verdict(Comment.Status.PENDING, "Every comment is moderated.")
    links = count_links(comment.text)
    if settings.COMMENTS_MAX_LINKS and links >= settings.COMMENTS_MAX_LINKS:
        return Verdict(Comment.Status.PENDING, f"Contains {links} links.")
    if key := matching_key(comment, settings.COMMENTS_MODERATION_KEYS):
        return Verdict(Comment.Status.PENDING, f"Contains the moderation word “{key}”.")
    if settings.COMMENTS_PREVIOUSLY_APPROVED and not known_commenter:
        return Verdict(
            Comment.Status.PENDING, "First comment from this name and email."
        )
    return Verdict(Comment.Status.APPROVED, "")
