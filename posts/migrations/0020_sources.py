from django.db import migrations, models

from posts import footnotes


def render_bodies(apps, schema_editor):
    # Bodies saved before notes existed hold none: what readers see is the
    # body itself, unless an import brought notes in.
    for name in ("Post", "Page"):
        model = apps.get_model("posts", name)
        model.objects.update(body_html=models.F("body"))
        noted = model.objects.filter(body__contains=footnotes.MARKER)
        for writing in noted.only("pk", "body").iterator():
            model.objects.filter(pk=writing.pk).update(
                body_html=footnotes.render(writing.body)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0018_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="body_html",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The body with its notes numbered and its works cited.",
                verbose_name="body as readers see it",
            ),
        ),
        migrations.AddField(
            model_name="post",
            name="body_html",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The body with its notes numbered and its works cited.",
                verbose_name="body as readers see it",
            ),
        ),
        migrations.RunPython(render_bodies, migrations.RunPython.noop),
    ]
