"""Comments: the "Leave a reply" form under each post, and all that follows.

- models: the Comment and its queries;
- form: the form, its time stamp, its honeypot;
- submission: `submit_comment()`, the one way a comment is taken, from the
  post page, the admin's reply or anything else;
- submission_lock: submissions that could be duplicates, or a flood, of
  each other check and store one at a time;
- moderation: the rules that decide a new comment's status (no I/O);
- views: the post page's "Leave a reply" and the form's time stamp;
- cookies: saved commenter details, and the visitor's own held comments;
- threads: laying comments out in threads, and paging them;
- text: a comment's plain text made into safe HTML, once, as it is saved;
- counts: each post's count of approved comments, kept as they change;
- notifications: the email about a comment awaiting moderation;
- admin: moderation in the admin, and replying from there.
"""
