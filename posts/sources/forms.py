"""The admin's forms for sources: a work's details as fields, kept as the
source's CSL-JSON, and the upload of a BibTeX or RIS file."""

import json
import re

from django import forms

from posts.models import Source

TYPES = [
    ("book", "Book"),
    ("chapter", "Chapter in a book"),
    ("article-journal", "Journal article"),
    ("article-magazine", "Magazine article"),
    ("article-newspaper", "Newspaper article"),
    ("manuscript", "Archival document or manuscript"),
    ("speech", "Speech or report delivered"),
    ("report", "Report"),
    ("thesis", "Thesis"),
    ("webpage", "Web page"),
    ("document", "Other document"),
]
# The form's fields for CSL-JSON's plain variables.
VARIABLES = {
    "work_title": "title",
    "container_title": "container-title",
    "genre": "genre",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "volume": "volume",
    "issue": "issue",
    "page": "page",
    "archive": "archive",
    "archive_location": "archive_location",
    "url": "URL",
}
_DATE = re.compile(r"^(\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class SourceForm(forms.ModelForm):
    type = forms.ChoiceField(choices=TYPES, initial="book")
    authors = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One a line, “Family, Given” (“Khrushchev, Nikita”); an "
        "institution on a line of its own, without a comma.",
    )
    work_title = forms.CharField(label="Title", max_length=500)
    container_title = forms.CharField(
        label="In", required=False, help_text="The journal, newspaper or book."
    )
    genre = forms.CharField(
        label="Kind",
        required=False,
        help_text="For a document or speech: “Letter”, “Report to the …”.",
    )
    publisher = forms.CharField(required=False)
    publisher_place = forms.CharField(label="Place of publication", required=False)
    date = forms.CharField(required=False, help_text="1956, 1956-02 or 1956-02-25.")
    volume = forms.CharField(required=False)
    issue = forms.CharField(required=False)
    page = forms.CharField(label="Pages", required=False, help_text="352-377.")
    archive = forms.CharField(required=False, help_text="The archive holding it.")
    archive_location = forms.CharField(
        label="Shelfmark",
        required=False,
        help_text="Where in the archive: fond, file, folio…",
    )
    url = forms.URLField(label="URL", required=False, assume_scheme="https")
    other = forms.CharField(
        label="Other CSL-JSON",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Further CSL-JSON variables, as a JSON object "
        "(an import keeps here what the fields above do not show).",
    )

    class Meta:
        model = Source
        fields = ["key"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput | forms.URLInput):
                field.widget.attrs.setdefault("class", "vTextField")
        item = dict(self.instance.csl or {})
        if not self.is_bound and item:
            self.initial.update(fields_of(item))

    def clean_date(self):
        date = self.cleaned_data["date"].strip()
        if date and not _DATE.match(date):
            raise forms.ValidationError(
                "Write the date as 1956, 1956-02 or 1956-02-25."
            )
        return date

    def clean_other(self):
        text = self.cleaned_data["other"].strip()
        if not text:
            return {}
        try:
            other = json.loads(text)
        except ValueError as error:
            raise forms.ValidationError(f"This is not JSON: {error}.") from error
        if not isinstance(other, dict):
            raise forms.ValidationError('Write a JSON object: {"DOI": "…"}.')
        return other

    def save(self, commit=True):
        self.instance.csl = item_of(self.cleaned_data)
        return super().save(commit)


def fields_of(item: dict) -> dict:
    """The form's values for the CSL-JSON `item`."""
    shown = {"type", "author", "issued", *VARIABLES.values()}
    values = {field: item.get(variable, "") for field, variable in VARIABLES.items()}
    values["type"] = item.get("type", "book")
    values["authors"] = "\n".join(_name_line(name) for name in item.get("author", []))
    issued = item.get("issued") or {}
    parts = (issued.get("date-parts") or [[]])[0]
    values["date"] = (
        "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(parts))
        if parts
        else issued.get("literal", "")
    )
    other = {key: value for key, value in item.items() if key not in shown}
    values["other"] = json.dumps(other, ensure_ascii=False, indent=1) if other else ""
    return values


def item_of(data: dict) -> dict:
    """The CSL-JSON item the form's cleaned `data` describe."""
    item = dict(data.get("other") or {})
    item["type"] = data["type"]
    for field, variable in VARIABLES.items():
        if value := (data.get(field) or "").strip():
            item[variable] = value
    names = [line.strip() for line in data.get("authors", "").splitlines()]
    if names := [_name(line) for line in names if line]:
        item["author"] = names
    if match := _DATE.match(data.get("date") or ""):
        item["issued"] = {"date-parts": [[int(p) for p in match.groups() if p]]}
    return item


def _name(line: str) -> dict:
    if "," not in line:
        return {"literal": line}
    family, given = (part.strip() for part in line.split(",", 1))
    return {"family": family, "given": given}


def _name_line(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    return ", ".join(part for part in (name.get("family"), name.get("given")) if part)


class SourceFileForm(forms.Form):
    file = forms.FileField(
        label="BibTeX or RIS file",
        help_text="A .bib or .ris file, as Zotero, EndNote or JabRef export "
        "them (UTF-8). Sources with a key already here are updated.",
    )
