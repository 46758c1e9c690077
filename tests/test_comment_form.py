"""The theme draws the comment form's widgets itself, as Django's widget
templates draw them: these tests hold the two to the same HTML."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines

from posts.comments.form import CommentForm
from tests.factories import UserFactory

FORM_FIELD = "posts/includes/form_field.html"


def drawn(field):
    macros = engines["jinja2"].env.get_template(FORM_FIELD).module
    return str(macros.draw(field))


def forms():
    anonymous = AnonymousUser()
    yield CommentForm(user=anonymous, initial={"parent": None})
    yield CommentForm(user=anonymous, initial={"parent": 7, "issued": "a:b:c"})
    yield CommentForm({}, user=anonymous)
    yield CommentForm(
        {
            "text": 'Line one\n<b>"quoted" & more</b>',
            "author_name": "Anna <Reader>",
            "author_email": "not an address",
            "author_url": "javascript:alert(1)",
            "save_details": "on",
            "fax_number": "0123",
            "parent": "x",
            "issued": "stamp",
        },
        user=anonymous,
    )


@pytest.mark.parametrize(
    "form", list(forms()), ids=["blank", "reply", "empty", "typed"]
)
def test_each_widget_is_drawn_as_djangos_own_template_draws_it(form):
    form.is_bound and form.is_valid()

    for field in form:
        assert drawn(field) == str(field), field.name


@pytest.mark.django_db
def test_a_signed_in_commenters_widgets_are_drawn_as_django_draws_them():
    form = CommentForm(user=UserFactory(), initial={"parent": None})

    for field in form:
        assert drawn(field) == str(field), field.name


def test_the_hidden_fields_label_is_drawn_as_django_draws_it():
    field = CommentForm(user=AnonymousUser())["fax_number"]
    macros = engines["jinja2"].env.get_template(FORM_FIELD).module

    assert str(macros.label(field)) == field.label_tag()
