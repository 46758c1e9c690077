"""The admin's "Import from WordPress" page, its tasks run inline by Django's
ImmediateBackend (the browser test runs them on the real worker)."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import storages
from django.urls import reverse

from posts.models import Post, WordPressImport
from posts.roles import AUTHOR, CONTRIBUTOR, EDITOR
from posts.wordpress_import import progress
from tests.factories import UserFactory
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:posts_wordpressimport_add")


@pytest.fixture(autouse=True)
def _imports_in_a_temporary_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "wordpress_imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }


@pytest.fixture
def importer(client):
    user = UserFactory(staff=True)
    client.force_login(user)
    return user


def upload(client, name, capture):
    with capture(execute=True), wxr(name).open("rb") as file:
        response = client.post(UPLOAD, {"file": file})
    return response


def job_page(job):
    return reverse("admin:posts_wordpressimport_change", args=[job.pk])


def test_an_upload_is_read_as_a_dry_run_and_its_report_shown(
    client, importer, django_capture_on_commit_callbacks
):
    response = upload(client, "statuses.xml", django_capture_on_commit_callbacks)

    job = WordPressImport.objects.get()
    assert response.url == job_page(job)
    assert job.status == WordPressImport.Status.CHECKED
    assert ["posts", 6, 0] in job.report["kinds"]
    assert not Post.objects.exists()
    page = client.get(job_page(job)).content.decode()
    assert "Would import" in page
    assert "password-protected posts and pages made private" in page


def test_confirming_imports_the_file_and_shows_the_report(
    client, importer, django_capture_on_commit_callbacks
):
    upload(client, "statuses.xml", django_capture_on_commit_callbacks)
    job = WordPressImport.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:posts_wordpressimport_confirm", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == WordPressImport.Status.IMPORTED
    assert Post.objects.count() == 6
    assert not storages["wordpress_imports"].exists(job.stored_name)
    page = client.get(job_page(job)).content.decode()
    assert "Imported" in page
    assert "the import is complete" in page


def test_confirming_twice_imports_once(
    client, importer, django_capture_on_commit_callbacks
):
    upload(client, "statuses.xml", django_capture_on_commit_callbacks)
    job = WordPressImport.objects.get()
    confirm = reverse("admin:posts_wordpressimport_confirm", args=[job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(confirm, follow=True)

    assert not callbacks
    assert "not waiting to be imported" in response.content.decode()


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_written(
    client, importer, django_capture_on_commit_callbacks
):
    upload(client, "malformed.xml", django_capture_on_commit_callbacks)

    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.FAILED
    assert job.error.startswith("line 9: ")
    assert not Post.objects.exists()
    assert not storages["wordpress_imports"].exists(job.stored_name)
    page = client.get(job_page(job)).content.decode()
    assert "line 9: " in page
    assert 'value="Import"' not in page


def test_a_file_over_the_upload_limit_is_refused_pointing_to_the_command(
    client, importer, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_UPLOAD_MEGABYTES = 0

    response = upload(client, "statuses.xml", django_capture_on_commit_callbacks)

    assert response.status_code == HTTPStatus.OK
    assert "python manage.py import_wxr" in response.content.decode()
    assert not WordPressImport.objects.exists()


def test_a_running_import_shows_how_far_it_has_read_and_refreshes(client, importer):
    job = WordPressImport.objects.create(
        file_name="big.xml", stored_name="big.xml", size=2000, uploaded_by=importer
    )
    progress.Recorder(job.pk)(500, 2000)

    page = client.get(job_page(job)).content.decode()

    assert "25% read" in page
    assert '<meta http-equiv="refresh"' in page


@pytest.mark.parametrize("role", [EDITOR, AUTHOR, CONTRIBUTOR])
def test_roles_without_the_permission_are_refused(client, role):
    client.force_login(UserFactory(is_staff=True, roles=[role]))

    response = client.get(UPLOAD)

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_the_permission_alone_opens_the_page_and_lists_it_in_the_admin(client):
    user = UserFactory(is_staff=True, roles=[AUTHOR])
    user.user_permissions.add(Permission.objects.get(codename="import_wordpress"))
    client.force_login(user)

    index = client.get(reverse("admin:index")).content.decode()

    assert client.get(UPLOAD).status_code == HTTPStatus.OK
    assert reverse("admin:posts_wordpressimport_changelist") in index
