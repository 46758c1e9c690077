"""Who may do what with posts: WordPress's roles, as groups of permissions
made by migration 0016.

- Editors work on everyone's posts ("change_others_post") and publish them,
  and look after pages, categories, tags, series and comments.
- Authors write, publish and delete their own posts ("publish_post").
- Contributors write their own drafts and submit them for review; once a
  post is out of draft and review, they can no longer change or delete it.
- Everyone who writes adds and corrects the sources posts cite; Editors
  also delete them (migration 0020).

In the media library (migrations 0021 and 0025), Editors upload, change
and delete any picture ("change_others_image"), Authors upload pictures and
change and delete those they uploaded, and Contributors, who may not
upload, pick from those already there.

Superusers (WordPress's Administrator) hold every permission. The admin
asks these rules for each list, form, save and action (see
posts.roles_admin), so that a crafted request meets them as a button does.
The same rules over many posts are `PostQuerySet.worked_on_by` and
`changeable_by`.
"""

from posts.media.models import Image
from posts.models import Post, can_publish, handles_others_posts

EDITOR = "Editor"
AUTHOR = "Author"
CONTRIBUTOR = "Contributor"


def may_change(user, post: Post) -> bool:
    """Whether `user` may change `post` (`PostQuerySet.changeable_by`'s
    rule, for one post)."""
    return user.has_perm("posts.change_post") and _within_reach(user, post)


def may_delete(user, post: Post) -> bool:
    """Whether `user` may delete `post`: the posts they may change."""
    return user.has_perm("posts.delete_post") and _within_reach(user, post)


def _within_reach(user, post: Post) -> bool:
    if handles_others_posts(user):
        return True
    if post.author_id != user.pk:
        return False
    return can_publish(user) or post.status in Post.UNPUBLISHED


def may_change_image(user, image: Image) -> bool:
    """Whether `user` may change `image` (its alt text, caption, title):
    any for Editors, those they uploaded for Authors, as in WordPress."""
    return user.has_perm("posts.change_image") and _image_within_reach(user, image)


def may_delete_image(user, image: Image) -> bool:
    """Whether `user` may delete `image`: the same reach as changing it."""
    return user.has_perm("posts.delete_image") and _image_within_reach(user, image)


def _image_within_reach(user, image: Image) -> bool:
    if user.has_perm("posts.change_others_image"):
        return True
    return image.uploaded_by_id is not None and image.uploaded_by_id == user.pk


def statuses_for(user) -> list[Post.Status]:
    """The statuses `user` may give a post: publishing (privately too) is
    for those who may publish."""
    if can_publish(user):
        return list(Post.Status)
    return list(Post.UNPUBLISHED)
