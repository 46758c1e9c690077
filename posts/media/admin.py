"""The media library in the admin: "Images" lists the pictures, with a
thumbnail each; its add page uploads one (checked, cleaned and resized as
it is taken, see posts.media.uploads), with the alt text it needs. The
picker (`picker/`) is what the body editor's "Insert image" button opens
(static/js/image-picker.js).

Editors change and delete any picture, Authors those they uploaded (see
posts.roles); others' open read-only. A picture a post or page shows is
not deleted: the confirmation page lists where it is used instead (see
posts.media.uses)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from posts.media.checks import read_upload
from posts.media.markup import default_src, image_picture, picture_html
from posts.media.models import Image
from posts.media.uploads import remove_files_on_commit, store_picture
from posts.media.uses import ImageUse, uses_of
from posts.roles import may_change_image, may_delete_image

THUMBNAIL_SIZES = "8rem"
# Pictures the picker offers at once: the newest, or those matching a search.
PICKER_LIMIT = 48


class UploadForm(forms.ModelForm):
    upload = forms.FileField(
        label="Picture",
        help_text="A JPEG, PNG, GIF or WebP picture. It is stored without its "
        "metadata (where it was taken, the camera), turned the right way up, "
        "and resized for every screen.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    class Meta:
        model = Image
        fields = ["upload", "alt_text", "caption", "title"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        # Decoded once: kept for saving.
        self.picture = read_upload(upload)
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "__str__",
        "dimensions",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["uploaded_by"]
    search_fields = ["title", "alt_text", "caption"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "preview",
        "dimensions",
        "size",
        "uploaded_by",
        "uploaded_at",
        "source_url",
        "shown_in",
    ]

    class Media:
        css = {"all": ["css/image-picker.css"]}

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = UploadForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["upload", "alt_text", "caption", "title"]
        fields = ["preview", "alt_text", "caption", "title", "dimensions", "size"]
        fields += ["shown_in", "uploaded_by", "uploaded_at"]
        return fields + (["source_url"] if obj.source_url else [])

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return may_change_image(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return may_delete_image(request.user, obj)

    def get_deleted_objects(self, objs, request):
        """What deleting `objs` involves, for the confirmation pages of one
        image and of the bulk action: the pictures the user may not delete
        (refused, as Django refuses what `perms_needed` names) and the posts
        and pages showing any of them (refused while they do)."""
        deleted, counts, _, protected = super().get_deleted_objects(objs, request)
        refused = sorted(
            str(image) for image in objs if not may_delete_image(request.user, image)
        )
        in_use = [_use_link(use) for use in uses_of(objs)]
        return deleted, counts, refused, [*protected, *in_use]

    def save_model(self, request, obj, form, change):
        if not change:
            store_picture(obj, form.picture, form.cleaned_data["upload"].name)
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        remove_files_on_commit(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            remove_files_on_commit(image)
        super().delete_queryset(request, queryset)

    @admin.display(description="picture")
    def thumbnail(self, image):
        return image_picture(image, sizes=THUMBNAIL_SIZES, css_class="library-thumb")

    @admin.display(description="picture")
    def preview(self, image):
        return image_picture(image, sizes="(min-width: 60rem) 40rem, 90vw")

    @admin.display(description="shown in")
    def shown_in(self, image):
        """The posts and pages showing the picture, which keep it from being
        deleted."""
        uses = uses_of([image])
        if not uses:
            return "No post or page shows it."
        return format_html_join("", "<p>{}</p>", ((_use_link(use),) for use in uses))

    @admin.display(description="size in pixels")
    def dimensions(self, image):
        return f"{image.width} × {image.height}"

    @admin.display(description="file size", ordering="file_size")
    def size(self, image):
        return filesizeformat(image.file_size)

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [
            path("picker/", picker, name="posts_image_picker"),
            *super().get_urls(),
        ]

    def picker_view(self, request):
        """The pictures the editor may insert, for its "Insert image" dialog:
        the newest, or those matching `q`."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:100]
        images, _ = self.get_search_results(request, Image.objects.all(), query)
        context = {
            "images": [
                (image, _pick_thumbnail(image), default_src(image))
                for image in images[:PICKER_LIMIT]
            ],
            "query": query,
        }
        return TemplateResponse(request, "admin/posts/image/picker.html", context)


def _use_link(use: ImageUse):
    """Where `use.image` is shown, linked to the post's or page's admin page."""
    opts = use.writing._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[use.writing.pk]
    )
    return format_html(
        '{} <a href="{}">{}</a> shows “{}” {}',
        capfirst(opts.verbose_name),
        url,
        use.writing,
        use.image,
        "as its featured image" if use.featured else "in its text",
    )


def _pick_thumbnail(image: Image):
    # The button it is in says what it shows: the picture adds nothing.
    return picture_html(
        image.file.name, image.width, image.height, "", sizes=THUMBNAIL_SIZES
    )
