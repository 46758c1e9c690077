from django import forms

from posts.models import Post


class QuickDraftForm(forms.Form):
    title = forms.CharField(max_length=Post._meta.get_field("title").max_length)
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Plain text: a blank line starts a new paragraph. "
        "Links, images and the rest are for the editor.",
    )
