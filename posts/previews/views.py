"""The reader's side of a shared preview: the draft as readers will see it,
for whoever holds a usable link."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from posts.post_page import PostPage
from posts.previews.models import PreviewLink


@require_safe
def shared_preview(request, token):
    """The draft behind `token`; once the post is published, its address.

    The page is the holder's alone: no cache keeps it (the page cache and
    nginx keep nothing marked private or no-store) and search engines are
    asked to leave it out, should a link leak."""
    links = PreviewLink.objects.select_related(
        "post__author__author_profile", "post__series"
    )
    link = get_object_or_404(links, token=token)
    post = link.post
    if post.is_published:
        # Temporary: the post may be unpublished again.
        return redirect(post)
    if link.is_usable:
        post_page = PostPage(post, request, max_depth=settings.COMMENTS_THREAD_DEPTH)
        context = {"post_page": post_page, "post": post_page.post, "link": link}
        response = render(request, "posts/post_preview.html", context)
    else:
        response = render(request, "posts/preview_gone.html", status=410)
    patch_cache_control(response, private=True, no_store=True)
    response.headers["X-Robots-Tag"] = "noindex"
    return response
