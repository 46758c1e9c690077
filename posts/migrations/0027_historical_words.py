"""Dates in words are kept as they are saved, beside the sort keys: reading
an EDTF date costs its parser milliseconds, too much for every page."""

from django.db import migrations, models

from posts.historical_dates import in_words
from posts.models.people import life_in_words, term_in_words


def put_dates_in_words(apps, schema_editor):
    Post = apps.get_model("posts", "Post")
    for post in Post.objects.exclude(historical_date="").only("historical_date"):
        post.historical_date_in_words = in_words(post.historical_date)
        post.save(update_fields=["historical_date_in_words"])
    for person in apps.get_model("posts", "Person").objects.all():
        person.life_in_words = life_in_words(person.born, person.died)
        person.save(update_fields=["life_in_words"])
    for office in apps.get_model("posts", "Office").objects.all():
        office.term_in_words = term_in_words(office.started, office.ended)
        office.save(update_fields=["term_in_words"])


def field(verbose_name):
    return models.CharField(
        blank=True, editable=False, max_length=300, verbose_name=verbose_name
    )


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0026_person_portrait"),
    ]

    operations = [
        migrations.AddField(
            model_name="office", name="term_in_words", field=field("term, in words")
        ),
        migrations.AddField(
            model_name="person", name="life_in_words", field=field("life, in words")
        ),
        migrations.AddField(
            model_name="post",
            name="historical_date_in_words",
            field=field("historical date, in words"),
        ),
        migrations.RunPython(put_dates_in_words, migrations.RunPython.noop),
    ]
