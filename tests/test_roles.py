import itertools

import pytest
from django.contrib.auth.models import Group

from posts.models import Post
from posts.roles import AUTHOR, CONTRIBUTOR, EDITOR, may_change, statuses_for
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = {"editor": EDITOR, "author": AUTHOR, "contributor": CONTRIBUTOR}


def writer(role):
    return UserFactory(is_staff=True, roles=[ROLES[role]])


def test_the_migration_makes_a_group_for_each_role():
    names = set(Group.objects.values_list("name", flat=True))

    assert {EDITOR, AUTHOR, CONTRIBUTOR} <= names


@pytest.mark.parametrize(
    ("role", "publishes", "handles_others", "moderates", "writes_pages"),
    [
        ("editor", True, True, True, True),
        ("author", True, False, False, False),
        ("contributor", False, False, False, False),
    ],
)
def test_each_role_holds_the_permissions_of_its_wordpress_namesake(
    role, publishes, handles_others, moderates, writes_pages
):
    user = writer(role)

    assert user.has_perm("posts.add_post")
    assert user.has_perm("posts.view_category")
    assert user.has_perm("posts.publish_post") is publishes
    assert user.has_perm("posts.change_others_post") is handles_others
    assert user.has_perm("posts.change_comment") is moderates
    assert user.has_perm("posts.change_page") is writes_pages
    assert user.has_perm("posts.change_category") is handles_others


def test_a_superuser_holds_every_role_permission_without_a_group():
    administrator = UserFactory(staff=True)

    assert administrator.has_perm("posts.publish_post")
    assert administrator.has_perm("posts.change_others_post")


def test_only_those_who_may_publish_are_offered_a_published_status():
    assert statuses_for(writer("contributor")) == [
        Post.Status.DRAFT,
        Post.Status.PENDING,
    ]
    assert Post.Status.PUBLISHED in statuses_for(writer("author"))
    assert Post.Status.PRIVATE in statuses_for(writer("editor"))


def test_changeable_by_and_may_change_agree_for_every_role_status_and_owner():
    users = {role: writer(role) for role in ROLES}
    other = UserFactory()
    posts = [
        PostFactory(author=author, status=status)
        for author, status in itertools.product([*users.values(), other], Post.Status)
    ]

    for user in users.values():
        changeable = set(Post.objects.changeable_by(user))

        assert {post for post in posts if may_change(user, post)} == changeable


def test_a_contributor_may_change_their_drafts_and_posts_in_review_only():
    contributor = writer("contributor")

    changeable = {
        status
        for status in Post.Status
        if may_change(contributor, PostFactory.build(author=contributor, status=status))
    }

    assert changeable == {Post.Status.DRAFT, Post.Status.PENDING}


def test_an_author_may_change_their_own_published_posts_but_no_one_elses():
    author = writer("author")

    own = PostFactory.build(author=author)
    others = PostFactory.build(author=UserFactory(), draft=True)

    assert may_change(author, own)
    assert not may_change(author, others)


def test_staff_without_a_role_may_change_no_post():
    staff = UserFactory(is_staff=True)

    assert not may_change(staff, PostFactory.build(author=staff, draft=True))
    assert not Post.objects.changeable_by(staff).exists()
