"""The admin's "Your profile" page: each member of staff, whatever their
role, fills in the public profile of their own account there (see
posts.authors); no one edits another's."""

from functools import partial

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from posts.authors.models import AuthorProfile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = AuthorProfile
        fields = AuthorProfile.SHOWN
        widgets = {"bio": forms.Textarea(attrs={"rows": 6, "cols": 60})}


def profile_urls(site):
    return [
        path(
            "profile/",
            site.admin_view(partial(profile_view, site=site)),
            name="profile",
        )
    ]


def profile_view(request, site):
    user = request.user
    profile = AuthorProfile.objects.filter(user=user).first()
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        instance=profile or AuthorProfile(user=user),
    )
    if form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("admin:profile")
    context = {
        **site.each_context(request),
        "title": "Your profile",
        "form": form,
        "author_page": reverse(
            "posts:author", kwargs={"username": user.get_username()}
        ),
    }
    return TemplateResponse(request, "admin/posts/authors/profile.html", context)
