"""Autosaves, as WordPress keeps them: while an editor types in a post's
admin page, the page sends the title, excerpt and body here every few
seconds and when the editor leaves a field. Each is kept beside the post,
one per post and writer, never over the text readers see, and keeps no
revision; the post's page then offers to restore it, or to dismiss it,
while it is newer than the post. Saving the post removes the writer's
autosave.

A post not saved yet has no autosave on the site: the page keeps its text
in the browser (see static/js/writing.js), as it does whenever the site
cannot be reached.
"""
