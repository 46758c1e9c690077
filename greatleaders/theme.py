"""The Jinja2 environment of the public theme (templates/): Django's date
and plural filters, addresses by name, static files, and the blog's own
filters. The admin keeps Django's templates (templates/django/).

Jinja2 renders the theme several times faster than Django's template
language, which matters for every page no cache can serve.
"""

import json
from functools import cache

from django.conf import settings
from django.template.defaultfilters import date, pluralize, truncatewords
from django.templatetags.static import static
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import get_default_timezone
from jinja2 import Environment

from posts import search
from posts.addresses import address
from posts.authors.models import author_name
from posts.media.markup import image_picture

# What must not appear raw inside a <script> element: "</script>" or "<!--"
# could end it early. Escaped as JSON's \u sequences, the data is unchanged.
# Replaced one character at a time: str.translate with a table looks up every
# character of a post's text in Python, 40 times slower on a long post.
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update(
        {
            "author_name": author_name,
            "url": url,
            "static": static,
            "page_url": page_url,
            "picture": image_picture,
            "widget": widget,
        }
    )
    env.filters.update(
        {
            "date": local_date,
            "pluralize": pluralize,
            "truncatewords": truncatewords,
            "json_ld": json_ld,
            "highlight": search.highlight,
        }
    )
    return env


def url(name: str, **kwargs) -> str:
    return address(name, **kwargs)


def local_date(value, format_string: str) -> str:
    """Django's `date` filter, on the time in the site's time zone (a page
    shared by every reader cannot be in any one reader's); the formats the
    theme shows most are written out, at a tenth of the cost."""
    local = value.astimezone(get_default_timezone())
    write = _FORMATS.get(format_string)
    return write(local) if write else date(local, format_string)


def _long_date(value) -> str:
    return f"{value.day} {_month_names()[value.month]} {value.year}"


@cache
def _month_names() -> dict[int, str]:
    # In the site's language, looked up once: MONTHS holds lazy translations.
    with translation.override(settings.LANGUAGE_CODE):
        return {number: str(name) for number, name in MONTHS.items()}


_FORMATS = {
    "c": lambda value: value.isoformat(),
    "j F Y": _long_date,
    "j F Y \\a\\t H:i": lambda value: f"{_long_date(value)} at {value:%H:%M}",
}


def widget(field) -> dict:
    """What Django gives the template of `field`'s widget (a bound field's),
    gathered as BoundField.as_widget() gathers it: the theme draws the
    comment form's few kinds of widget itself (templates/posts/includes/
    form_field.html), which cost a fifth of the page through a template
    each."""
    attrs = field.build_widget_attrs({})
    if field.auto_id and "id" not in field.field.widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return field.field.widget.get_context(field.html_name, field.value(), attrs)[
        "widget"
    ]


def page_url(request, number) -> str:
    """The address of page `number` of the list being shown, keeping its other
    parameters (a search query); the first page has no `page` parameter."""
    params = request.GET.copy()
    params.pop("page", None)
    if int(number) > 1:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


def json_ld(data) -> str:
    """`data` as a JSON-LD <script> element, safe whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )
