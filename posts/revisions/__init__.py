"""Revisions of posts and pages (issue 16).

Every save in the admin keeps a revision of the writing, with who saved it,
when, and the admin's note of what changed (`history`); the admin's history
page lists them, compares any two word by word (`diff`) and restores one
(`admin`).

django-reversion stores them. A save keeps a revision only inside one of its
revision blocks, which the admin opens around its saves: the WordPress
import, and an autosave when there is one (`save_without_revision`), save
outside them and keep none.
"""
