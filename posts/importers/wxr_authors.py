"""WordPress authors as accounts here.

An author is found by login, whatever its case (WordPress's sign-in ignores
case), or created on first sight: from its <wp:author> record, or from the
login alone when only a post names it. A new account has no usable password
(an administrator sets one) and shows the name the old site showed.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from posts.importers import wp_content
from posts.importers.wxr_reader import Author
from posts.importers.wxr_report import SKIPPED_NO_LOGIN
from posts.importers.wxr_writer import BatchWriter

User = get_user_model()


class Authors:
    def __init__(self, writer: BatchWriter):
        self.report = writer.report
        self.records: dict[str, Author] = {}
        self.users: dict[str, AbstractBaseUser] = {}
        # For comments written by the old site's authors (wp:comment_user_id).
        self.by_wordpress_id: dict[int, AbstractBaseUser] = {}

    def take(self, record: Author) -> None:
        if not record.login:
            self.report.skipped[SKIPPED_NO_LOGIN] += 1
            return
        self.records[record.login] = record
        user = self.user(record.login)
        if record.id:
            self.by_wordpress_id[record.id] = user

    def user(self, login: str) -> AbstractBaseUser | None:
        """The account for a WordPress login, found or created."""
        if not login:
            return None
        if login in self.users:
            return self.users[login]
        user = User.objects.filter(username__iexact=login).first()
        if user:
            self.report.existing["authors"] += 1
        else:
            record = self.records.get(login) or Author(line=0, id=0, login=login)
            first_name, last_name = _shown_name(record)
            user = User(
                username=login[:150],
                email=record.email[:254],
                first_name=first_name[:150],
                last_name=last_name[:150],
            )
            user.set_unusable_password()
            user.save()
            self.report.created["authors"] += 1
        self.users[login] = user
        return user


def _shown_name(author: Author) -> tuple[str, str]:
    """First and last name for a WordPress author, such that the name shown
    on the site (first and last, or the username) is the display name the
    old site showed."""
    first, last = (
        wp_content.one_line(author.first_name),
        wp_content.one_line(author.last_name),
    )
    display = wp_content.one_line(author.display_name)
    if not display or display == f"{first} {last}".strip():
        return first, last
    if display == author.login:
        return "", ""
    return display, ""
