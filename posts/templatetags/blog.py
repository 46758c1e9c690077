import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from posts import search

register = template.Library()

# What must not appear raw inside a <script> element: "</script>" or "<!--"
# could end it early. Escaped as JSON's \u sequences, the data is unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The address of page `number` of the list being shown, keeping its other
    parameters (a search query); the first page has no `page` parameter."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    if int(number) > 1:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.filter
def highlight(headline):
    """A search result's extract as HTML, the matched words in <mark>."""
    return search.highlight(headline)


@register.filter
def json_ld(data):
    """`data` as a JSON-LD <script> element, safe whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )
