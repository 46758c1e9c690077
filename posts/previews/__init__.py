"""Shared previews: a link to a draft that anyone holding it may read,
without an account, until it expires or an editor revokes it (issue 16).

- models: `PreviewLink`, one row per link, and `PreviewLink.objects.share()`;
- views: the reader's side, `shared_preview`;
- admin: the editor's side, the post's "Share preview" page.

Each link is a row with a random token rather than a signed value: editors
see which links are out, who made them and until when, and can revoke one
or all of them; a link keeps the lifetime it was made with; and changing
the secret key does not silently break links already sent.
"""
