import taggit.models
from django import forms
from django.contrib import admin, messages
from django.db.models import Count

from posts.autosaves.admin import AutosaveMixin, WritingToolsMixin
from posts.comments import admin as comment_admin  # noqa: F401 (registers it)
from posts.legacy_urls import remember_old_address
from posts.media import admin as media_admin  # noqa: F401 (registers it)
from posts.models import (
    Attachment,
    Category,
    Correction,
    Page,
    Post,
    Redirect,
    Series,
    Tag,
)
from posts.people import admin as people_admin  # noqa: F401 (registers it)
from posts.previews.admin import SharedPreviewsMixin
from posts.revisions.admin import RevisionsMixin
from posts.roles_admin import PostNotesPermissions, PostRolesMixin
from posts.sources import admin as sources_admin  # noqa: F401 (registers it)
from posts.tag_names import tags_for_names
from posts.wordpress_import import admin as wordpress_import_admin  # noqa: F401


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["parent"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "post_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_post_count=Count("tagged_posts"))

    @admin.display(description="posts", ordering="_post_count")
    def post_count(self, tag):
        return tag._post_count


class SeriesPartInline(admin.TabularInline):
    """The series' posts, whose order is set by their position numbers."""

    model = Post
    fields = ["series_position", "title", "status", "published_at"]
    readonly_fields = ["title", "status", "published_at"]
    ordering = ["series_position", "published_at"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = "part"
    verbose_name_plural = "parts (lower position numbers come first)"

    def has_add_permission(self, request, obj):
        return False

    def get_queryset(self, request):
        # Authors and Contributors view series too: not others' drafts.
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "part_count"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "description"]
    inlines = [SeriesPartInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_part_count=Count("posts"))

    @admin.display(description="parts", ordering="_part_count")
    def part_count(self, series):
        return series._part_count


class CorrectionInline(PostNotesPermissions, admin.StackedInline):
    """Dated correction and update notes, shown on the post and on
    /corrections/."""

    model = Correction
    fields = ["kind", "placement", "published_at", "text"]
    extra = 0
    verbose_name = "correction or update note"


class PostForm(forms.ModelForm):
    def clean_tags(self):
        return tags_for_names(self.instance, self.cleaned_data["tags"])

    def clean(self):
        cleaned = super().clean()
        about = set(cleaned.get("people_about") or ())
        both = about & set(cleaned.get("people_mentioned") or ())
        if both:
            names = ", ".join(sorted(person.name for person in both))
            self.add_error(
                "people_mentioned",
                f"The post is about {names}: leave them out of those it mentions.",
            )
        return cleaned


# How footnotes look in the body editor.
EDITOR_CSS = "css/editor-footnote.css"


@admin.register(Post)
class PostAdmin(
    AutosaveMixin,
    PostRolesMixin,
    RevisionsMixin,
    SharedPreviewsMixin,
    admin.ModelAdmin,
):
    form = PostForm
    list_display = [
        "title",
        "state",
        "category_list",
        "series",
        "author",
        "published_at",
        "sticky",
    ]
    list_filter = [
        "status",
        ("categories", admin.RelatedOnlyFieldListFilter),
        ("series", admin.RelatedOnlyFieldListFilter),
        ("author", admin.RelatedOnlyFieldListFilter),
        "sticky",
    ]
    list_select_related = ["author", "series"]
    search_fields = ["title", "slug", "excerpt", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "author",
        "categories",
        "series",
        "featured_image",
        "people_about",
        "people_mentioned",
    ]
    actions = ["publish", "move_to_draft"]
    inlines = [CorrectionInline]

    readonly_fields = ["shared_previews", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "excerpt", "featured_image"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "author",
                    "sticky",
                    "comments_open",
                    "shared_previews",
                ]
            },
        ),
        ("Filing", {"fields": ["categories", "tags", "series", "series_position"]}),
        (
            "People and period",
            {"fields": ["people_about", "people_mentioned", "historical_date"]},
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    class Media:
        # The body editor's tools: the writing tools (posts.autosaves.admin),
        # "Insert image" (posts.media.admin) and its notes (posts.footnotes).
        js = ["js/writing.js", "js/image-picker.js"]
        css = {"all": ["css/writing.css", "css/image-picker.css", EDITOR_CSS]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form, change):
        # The address holds the slug and the publish date's month.
        before = None
        if change and {"slug", "published_at"} & set(form.changed_data):
            before = Post.objects.get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        # Only an address readers could have seen is worth keeping.
        if before is not None and before.is_published:
            remember_old_address(obj, before.get_absolute_url())

    @admin.display(description="status", ordering="status")
    def state(self, post):
        return "Scheduled" if post.is_scheduled else post.get_status_display()

    @admin.display(description="categories")
    def category_list(self, post):
        return ", ".join(category.name for category in post.categories.all())

    @admin.action(description="Publish selected posts", permissions=["publish"])
    def publish(self, request, queryset):
        count = self.changeable(request, queryset).publish()
        self.message_user(request, f"Published {count} post(s).", messages.SUCCESS)

    @admin.action(description="Move selected posts to draft", permissions=["change"])
    def move_to_draft(self, request, queryset):
        count = self.changeable(request, queryset).move_to_draft()
        self.message_user(request, f"Moved {count} post(s) to draft.", messages.SUCCESS)


@admin.register(Page)
class PageAdmin(WritingToolsMixin, RevisionsMixin, admin.ModelAdmin):
    writing_fields = ("title", "body", "description")

    list_display = [
        "title",
        "slug",
        "is_published",
        "show_in_navigation",
        "navigation_order",
        "updated_at",
    ]
    list_editable = ["is_published", "show_in_navigation", "navigation_order"]
    list_filter = ["is_published", "show_in_navigation"]
    search_fields = ["title", "slug", "description", "body"]
    Media = PostAdmin.Media
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]

    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "description"]}),
        (
            "Publishing",
            {"fields": ["is_published", "show_in_navigation", "navigation_order"]},
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses that lead to a post or a page; the WordPress import
    fills this with each post's and page's address on the old site."""

    list_display = ["old_path", "post", "page"]
    list_select_related = ["post", "page"]
    search_fields = ["old_path", "post__title", "page__title"]
    autocomplete_fields = ["post", "page"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    """Files of the WordPress site a post was imported from, where they are."""

    list_display = ["title", "url", "post", "uploaded_at"]
    list_select_related = ["post"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["post"]
    date_hierarchy = "uploaded_at"


# The blog's tags are posts.Tag (above); taggit's own Tag model, which it
# registers too, is a table nothing files posts under: one "Tags" entry.
if admin.site.is_registered(taggit.models.Tag):
    admin.site.unregister(taggit.models.Tag)
