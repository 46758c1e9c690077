"""People in the admin: searched by any of their names, which is what the
post form's autocomplete asks."""

from django.contrib import admin

from posts.models import Office, Person


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 1
    fields = ["title", "started", "ended"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "life_in_words", "wikidata_id"]
    search_fields = ["name", "sort_name", "other_names"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["portrait"]
    inlines = [OfficeInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sort_name", "other_names", "portrait"]}),
        ("Life", {"fields": ["born", "died", "biography"]}),
        ("Links", {"fields": ["wikidata_id"]}),
    ]

    @admin.display(description="life", ordering="born_key")
    def life_in_words(self, person):
        return person.life_in_words
