"""Importing a WordPress export from the admin (issue 17).

A holder of the "import_wordpress" permission uploads a WXR file
(`admin.py`, `forms.py`); `jobs.start` keeps it in the "wordpress_imports"
storage and has a worker read it through as a dry run (`tasks.py`); the
page shows that report, and `jobs.confirm` has the worker import it for
real. Both runs go through `posts.importers.wxr.import_stream`, the code
`manage.py import_wxr` uses, and report how far they have read through
`progress`. The `WordPressImport` row (posts.models.imports) keeps the
state and the report.
"""
