"""The worker's side of an import from the admin (`manage.py db_worker`)."""

from django.tasks import task

from posts.wordpress_import import jobs


@task
def check_export(pk: int) -> None:
    jobs.run(pk, dry_run=True)


@task
def import_export(pk: int) -> None:
    jobs.run(pk, dry_run=False)
