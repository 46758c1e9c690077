from django import template
from django.utils.safestring import mark_safe

from greatleaders import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name = name
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context):
        vary_on = [value.resolve(context) for value in self.vary_on]
        html = fragments.get_or_compute(
            self.name, vary_on, lambda: self.nodelist.render(context)
        )
        # What the template rendered was escaped then; the cache keeps it.
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value ... %}…{% endfragment %}`: the enclosed part
    of the page, rendered once per content generation for each combination
    of the values (see greatleaders.fragments). What it shows must depend on
    nothing but those values: never on the visitor."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a fragment name, in quotes."
        )
    name = bits[1]
    if not (name[0] == name[-1] and name[0] in "\"'"):
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs its name in quotes, not {name}."
        )
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name[1:-1], vary_on, nodelist)
