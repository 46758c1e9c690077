import functools
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import URLValidator
from django.forms.renderers import Jinja2 as Jinja2Renderer

from posts.models import Comment
from posts.numbers import IdField

# Signs the moment the form was shown, so that the server can tell how long
# the visitor took to fill it in.
FORM_ISSUED_SALT = "posts.comment-form-issued"

SAVE_DETAILS_LABEL = (
    "Save my name, email, and website in this browser for the next time I comment."
)


def issued_token() -> str:
    """The signed moment a form is shown, or starts being filled in, to the
    second: every form stamped within the same second carries the same
    token, signed once."""
    return _signed_second(int(time.time()), settings.SECRET_KEY)


@functools.lru_cache(maxsize=2)
def _signed_second(second: int, secret_key: str) -> str:
    return signing.dumps(second, key=secret_key, salt=FORM_ISSUED_SALT)


def seconds_since(token: str) -> float | None:
    """Seconds since the form carrying `token` was shown; None when the token
    is missing or forged."""
    try:
        issued = signing.loads(token, salt=FORM_ISSUED_SALT)
    except signing.BadSignature:
        return None
    return time.time() - float(issued)


class CommentForm(forms.ModelForm):
    # Its widgets drawn with Django's Jinja2 templates, as the rest of the
    # page is: several times faster than with Django's own.
    default_renderer = Jinja2Renderer()

    # WordPress's limit for comment text.
    text = forms.CharField(
        label="Comment",
        max_length=65_525,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
        error_messages={
            "required": "Please type your comment.",
            "max_length": "Your comment is too long: it may have at most "
            "%(limit_value)d characters (it has %(show_value)d).",
        },
    )
    parent = IdField(required=False)
    issued = forms.CharField(required=False, widget=forms.HiddenInput)
    # Hidden from people by the stylesheet; bots that fill every field fill it.
    fax_number = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    save_details = forms.BooleanField(required=False, label=SAVE_DETAILS_LABEL)

    class Meta:
        model = Comment
        fields = ["text", "author_name", "author_email", "author_url"]
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "author_url": forms.URLInput(attrs={"autocomplete": "url"}),
        }
        error_messages = {
            "author_name": {
                "required": "Please enter your name.",
                "max_length": "Your name may have at most %(limit_value)d "
                "characters (it has %(show_value)d).",
            },
            "author_email": {
                "required": "Please enter your email address.",
                "invalid": "Please enter a valid email address, like name@example.com.",
            },
            "author_url": {
                "invalid": "Please enter a valid web address, like "
                "https://example.com.",
            },
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["author_url"].validators.append(
            URLValidator(
                schemes=["http", "https"],
                message=self.Meta.error_messages["author_url"]["invalid"],
            )
        )
        if user is not None and user.is_authenticated:
            # Logged-in visitors comment under their account.
            for name in ["author_name", "author_email", "author_url", "save_details"]:
                del self.fields[name]
        else:
            # WordPress's require_name_email.
            self.fields["author_email"].required = True

    def restamped(self) -> "CommentForm":
        """The same form, as typed, stamped now: for a sender to confirm."""
        data = self.data.copy()
        data["issued"] = issued_token()
        form = CommentForm(data, user=self.user)
        form.is_valid()
        return form
