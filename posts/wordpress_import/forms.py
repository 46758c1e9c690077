from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError


class UploadForm(forms.Form):
    file = forms.FileField(
        label="WordPress export",
        help_text="The .xml file from WordPress's Tools › Export. Nothing is "
        "imported before you have seen the dry run's report and confirmed.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_UPLOAD_MEGABYTES
        if upload.size > limit * 1024 * 1024:
            raise ValidationError(
                f"This file is larger than the {limit} MB the admin takes. "
                "Import it on the server instead: "
                "python manage.py import_wxr FILE --dry-run, then without "
                "--dry-run.",
                code="too_large",
            )
        return upload
