"""Authors as readers see them: a profile each writer fills in for
themselves in the admin ("Your profile"), with the name shown in bylines,
feeds and on their author page (/author/<username>/), a short biography and
a picture, as WordPress's "Display name publicly as", "Biographical Info"
and avatar.

Public pages read the profile with the author, in the same query (see
posts.listing and posts.page_queries), and name authors through
`author_name()`.
"""
