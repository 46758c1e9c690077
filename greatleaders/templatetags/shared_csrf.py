from django import template

from greatleaders.shared_csrf import placeholder_field

register = template.Library()


@register.simple_tag
def shared_csrf_token():
    """The CSRF field of a form on a page the page cache may share; the
    visitor's own token replaces the placeholder as the page is sent."""
    return placeholder_field()
