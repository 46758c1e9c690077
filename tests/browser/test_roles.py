"""Each role in the real admin (issue 16): what an Editor, an Author and a
Contributor are offered and refused, as they see it (see posts.roles)."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from posts.roles import AUTHOR, CONTRIBUTOR, EDITOR
from tests.browser.conftest import PASSWORD
from tests.factories import CommentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The migrations that give the roles their permissions, in order.
ROLE_MIGRATIONS = ["0016_roles", "0019_people", "0021_media", "0025_media_roles"]


@pytest.fixture(autouse=True)
def _roles():
    """The roles' groups as their migrations make them: a browser test's
    database was emptied by the browser test before it, groups and all."""
    for migration in ROLE_MIGRATIONS:
        grants = import_module(f"posts.migrations.{migration}").ROLES
        for role, permissions in grants.items():
            group, _ = Group.objects.get_or_create(name=role)
            for permission in permissions:
                app_label, _, codename = permission.rpartition(".")
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label or "posts",
                        codename=codename,
                    )
                )


@pytest.fixture
def log_in_as(live_server):
    """Log `page` in to the admin as a new member of staff in `role`."""

    def log_in(page, role):
        user = UserFactory(username=role.lower(), is_staff=True, roles=[role])
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        return user

    return log_in


@pytest.fixture
def reader(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def write_post(page, live_server, title, text):
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_label("Title:").fill(title)
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type(text)


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("successfully")


def expect_refused(page, live_server, post):
    """A post out of the user's reach is answered as one that does not
    exist: back to the admin's front page, saying so, showing nothing of it."""
    page.goto(f"{live_server.url}/admin/posts/post/{post.pk}/change/")

    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator(".messagelist")).to_contain_text("doesn’t exist")
    expect(page.get_by_text(post.title)).to_have_count(0)


def test_a_contributor_submits_a_draft_for_review_and_is_offered_no_way_to_publish(
    page, log_in_as, live_server
):
    log_in_as(page, CONTRIBUTOR)
    others = PostFactory(draft=True, title="Someone Else’s Draft")

    write_post(page, live_server, "Notes on Bretton Woods", "Forty-four nations.")
    status = page.get_by_label("Status:")
    expect(status.locator("option")).to_have_text(["Draft", "Pending review"])
    save_and_continue(page)
    status.select_option(label="Pending review")
    save_and_continue(page)

    expect(page.get_by_label("Status:")).to_have_value("pending")
    page.goto(f"{live_server.url}/admin/posts/post/")
    row = page.locator("#result_list tbody tr", has_text="Notes on Bretton Woods")
    expect(row).to_contain_text("Pending review")
    expect(page.locator("#result_list")).not_to_contain_text(others.title)
    actions = page.get_by_label("Action:")
    expect(actions.locator("option", has_text="Publish")).to_have_count(0)
    expect_refused(page, live_server, others)


def test_an_author_publishes_their_own_post_but_cannot_open_anothers(
    page, log_in_as, live_server, reader
):
    log_in_as(page, AUTHOR)
    others = PostFactory(title="Someone Else’s Post")

    write_post(page, live_server, "The Berlin Airlift", "Planes every minute.")
    page.get_by_label("Status:").select_option(label="Published")
    save_and_continue(page)

    expect(page.get_by_label("Status:")).to_have_value("published")
    page.get_by_role("link", name="View on site").click()
    reader.goto(page.url)
    expect(reader.locator("h1")).to_have_text("The Berlin Airlift")
    expect(reader.locator(".post-body")).to_contain_text("Planes every minute.")
    expect_refused(page, live_server, others)


def test_an_editor_publishes_a_contributors_post_and_approves_a_comment(
    page, log_in_as, live_server, reader
):
    contributor = UserFactory(is_staff=True, roles=[CONTRIBUTOR])
    submitted = PostFactory(
        pending=True, author=contributor, title="The Truman Doctrine"
    )
    comment = CommentFactory(
        post=PostFactory(title="The Long Telegram"),
        pending=True,
        author_name="George",
        text="Containment, then.",
    )
    log_in_as(page, EDITOR)

    page.goto(f"{live_server.url}/admin/posts/post/?status__exact=pending")
    page.get_by_role("link", name="The Truman Doctrine").click()
    page.get_by_label("Status:").select_option(label="Published")
    save_and_continue(page)
    page.goto(f"{live_server.url}/admin/posts/comment/")
    page.locator("#result_list tbody tr", has_text="George").get_by_role(
        "checkbox"
    ).check()
    page.get_by_label("Action:").select_option(label="Approve selected comments")
    page.get_by_role("button", name="Run").click()

    expect(page.locator(".messagelist")).to_contain_text("1 comment(s) approved.")
    reader.goto(f"{live_server.url}{submitted.get_absolute_url()}")
    expect(reader.locator("h1")).to_have_text("The Truman Doctrine")
    reader.goto(f"{live_server.url}{comment.post.get_absolute_url()}")
    expect(reader.get_by_text("Containment, then.")).to_be_visible()
