"""Uploading, checking and importing a WordPress export from the admin."""

from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from posts.importers.wxr import WXRError, import_stream
from posts.models import WordPressImport
from posts.wordpress_import import progress, tasks

STORAGE = "wordpress_imports"
UNEXPECTED = "The import stopped on an unexpected error; nothing was imported."


def start(upload: UploadedFile, user) -> WordPressImport:
    """Keep `upload` and queue its dry run."""
    stored_name = storages[STORAGE].save(upload.name, upload)
    job = WordPressImport.objects.create(
        file_name=upload.name[:255],
        stored_name=stored_name,
        size=upload.size,
        uploaded_by=user,
    )
    # The worker must find the row: queue once it is committed.
    transaction.on_commit(lambda: tasks.check_export.enqueue(job.pk))
    return job


def confirm(job: WordPressImport) -> bool:
    """Queue the import of a checked export; False if it is not (or no
    longer) waiting for confirmation, as when confirmed twice."""
    waiting = WordPressImport.objects.filter(
        pk=job.pk, status=WordPressImport.Status.CHECKED
    )
    if not waiting.update(status=WordPressImport.Status.IMPORTING):
        return False
    progress.forget(job.pk)
    transaction.on_commit(lambda: tasks.import_export.enqueue(job.pk))
    return True


def run(pk: int, *, dry_run: bool) -> None:
    """Read the export through, as the worker does for a dry run and for the
    import, and keep the report, or why the file was refused. The file is
    kept after a dry run only, for the import."""
    job = WordPressImport.objects.get(pk=pk)
    storage = storages[STORAGE]
    try:
        with storage.open(job.stored_name, "rb") as stream:
            report = import_stream(
                stream,
                size=job.size,
                dry_run=dry_run,
                progress=progress.Recorder(pk),
            )
    except WXRError as error:
        _finish(job, WordPressImport.Status.FAILED, error=str(error))
    except Exception:
        _finish(job, WordPressImport.Status.FAILED, error=UNEXPECTED)
        raise
    else:
        status = WordPressImport.Status.CHECKED if dry_run else None
        _finish(job, status or WordPressImport.Status.IMPORTED, report.as_json())


def _finish(job, status, report=None, *, error=""):
    job.status, job.error = status, error
    if report is not None:
        job.report = report
    job.save(update_fields=["status", "report", "error"])
    if status != WordPressImport.Status.CHECKED:
        storages[STORAGE].delete(job.stored_name)
