"""The admin's front page: what each user has to do next (drafts, posts
waiting for review, scheduled posts, comments waiting for moderation), what
happened lately, and a box to start a draft; the list of models follows.

- panels: what each panel shows a user, or None if their role has no use
  for it;
- drafts: starting a draft from the quick draft box;
- views: the panels' forms (approve or spam a comment, save a quick draft);
- urls: their addresses, added to the admin site's own;
- model_list: the model list's sections, as the admin shows them.
"""
