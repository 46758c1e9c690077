"""The blog's models, by topic:

- content: posts and static pages, and the one rule of who may read them;
- taxonomy: categories, tags and series, which posts are filed under;
- posts.comments.models: comments (the comments package holds all of them);
- wordpress: what is kept of the WordPress site the blog came from;
- people: the people posts are about or mention, and their offices;
- corrections: dated correction and update notes on posts;
- sources: the works posts cite from their footnotes;
- imports: WordPress exports uploaded in the admin to be imported;
- posts.media.models: the media library's images;
- posts.previews.models: links that open a draft to whoever holds them;
- posts.autosaves.models: the text of a post kept while it is written;
- posts.authors.models: writers' public profiles;
- search: the search index's table, on SQLite.
"""

from posts.authors.models import AuthorProfile, author_name
from posts.autosaves.models import Autosave, AutosaveQuerySet
from posts.comments.models import Comment, CommentQuerySet
from posts.media.models import Image
from posts.models.content import (
    EXCERPT_WORDS,
    RESERVED_PAGE_SLUGS,
    Page,
    PageQuerySet,
    Post,
    PostQuerySet,
    can_preview,
    can_publish,
    handles_others_posts,
    opening_words,
    post_address,
    validate_page_slug,
)
from posts.models.corrections import Correction, CorrectionQuerySet, modified_at
from posts.models.imports import WordPressImport
from posts.models.people import Office, Person, PersonQuerySet
from posts.models.search import SearchEntry
from posts.models.sources import Source, SourceQuerySet
from posts.models.taxonomy import Category, Series, Tag, TaggedPost
from posts.models.wordpress import Attachment, Redirect
from posts.previews.models import PreviewLink, PreviewLinkQuerySet

__all__ = [
    "EXCERPT_WORDS",
    "RESERVED_PAGE_SLUGS",
    "Attachment",
    "AuthorProfile",
    "Autosave",
    "AutosaveQuerySet",
    "Category",
    "Comment",
    "CommentQuerySet",
    "Correction",
    "CorrectionQuerySet",
    "Image",
    "Office",
    "Page",
    "PageQuerySet",
    "Person",
    "PersonQuerySet",
    "Post",
    "PostQuerySet",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "Redirect",
    "SearchEntry",
    "Series",
    "Source",
    "SourceQuerySet",
    "Tag",
    "TaggedPost",
    "WordPressImport",
    "author_name",
    "can_preview",
    "can_publish",
    "handles_others_posts",
    "modified_at",
    "opening_words",
    "post_address",
    "validate_page_slug",
]
