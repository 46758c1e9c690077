from django.contrib.auth.management import create_permissions
from django.db import migrations, models


# Who looks after sources (see posts.roles): Editors all of them; Authors
# and Contributors add and correct the ones they cite.
SOURCE_PERMISSIONS = {
    "Editor": ["add", "change", "delete", "view"],
    "Author": ["add", "change", "view"],
    "Contributor": ["add", "change", "view"],
}


def grant_source_permissions(apps, schema_editor):
    config = apps.get_app_config("posts")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in SOURCE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="posts",
                    codename__in=[f"{action}_source" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("posts", "0019_people"),
    ]

    operations = [
        migrations.CreateModel(
            name="Source",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.SlugField(help_text="What a footnote names to cite this work (its “Source key”), such as “taubman2003”. Changing it leaves notes that name the old key without their citation.", max_length=100, unique=True)),
                ("csl", models.JSONField(blank=True, default=dict, help_text="The work as a CSL-JSON item: author, title, container-title, publisher, issued, URL, archive, archive_location, page…", verbose_name="CSL-JSON")),
                ("title", models.CharField(blank=True, editable=False, max_length=500)),
                ("sort_key", models.CharField(blank=True, editable=False, max_length=500)),
                ("entry_html", models.TextField(blank=True, editable=False, verbose_name="bibliography entry")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("cited_in", models.ManyToManyField(blank=True, editable=False, related_name="sources", to="posts.post")),
            ],
            options={
                "ordering": ["sort_key", "key"],
            },
        ),
        migrations.RunPython(grant_source_permissions, migrations.RunPython.noop),
    ]
