from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from greatleaders.page_cache import STATUS_HEADER
from posts.models import Post, Source
from posts.sources.csl import Cite, format_citations
from posts.sources.importers import SourceFileError, import_sources
from tests.factories import PostFactory
from tests.html_text import page_text
from tests.test_footnotes import note, notes_shown
from tests.test_revisions import post_form

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "sources"

BOOK = {
    "type": "book",
    "author": [{"family": "Taubman", "given": "William"}],
    "title": "Khrushchev: The Man and His Era",
    "publisher": "W. W. Norton",
    "publisher-place": "New York",
    "issued": {"date-parts": [[2003]]},
}
ARTICLE = {
    "type": "article-journal",
    "author": [{"family": "Jones", "given": "Polly"}],
    "title": "From the Secret Speech to the Burial of Stalin",
    "container-title": "Slavic Review",
    "volume": "67",
    "issue": "2",
    "page": "352-377",
    "issued": {"date-parts": [[2008]]},
}
ARCHIVAL = {
    "type": "manuscript",
    "genre": "Letter",
    "author": [{"family": "Beria", "given": "Lavrentiy"}],
    "title": "Letter to the Presidium of the Central Committee",
    "archive": "Russian State Archive of Contemporary History",
    "archive_location": "f. 5, op. 30, d. 4",
    "issued": {"date-parts": [[1953, 3, 10]]},
}


def source(key, item):
    return Source.objects.create(key=key, csl=item)


def imported(name):
    path = DATA / name
    return import_sources(path.name, path.read_bytes())


# Citations, in the Chicago notes-and-bibliography style


@pytest.mark.parametrize(
    ("item", "locator", "expected"),
    [
        (
            BOOK,
            "p. 12",
            "William Taubman, <i>Khrushchev: The Man and His Era</i> "
            "(New York: W. W. Norton, 2003), 12.",
        ),
        (
            ARTICLE,
            "360",
            "Polly Jones, “From the Secret Speech to the Burial of Stalin,” "
            "<i>Slavic Review</i> 67, no. 2 (2008): 360.",
        ),
        (
            ARCHIVAL,
            "l. 3",
            "Lavrentiy Beria, “Letter to the Presidium of the Central Committee” "
            "(Letter, March 10, 1953), l. 3, f. 5, op. 30, d. 4, "
            "Russian State Archive of Contemporary History.",
        ),
    ],
    ids=["book", "article", "archival document"],
)
def test_a_note_cites_the_work_in_full_with_its_locator(item, locator, expected):
    formatted = format_citations({"work": item}, [Cite("work", locator)])

    assert formatted.notes == [expected]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            BOOK,
            "Taubman, William. <i>Khrushchev: The Man and His Era</i>. "
            "New York: W. W. Norton, 2003.",
        ),
        (
            ARTICLE,
            "Jones, Polly. “From the Secret Speech to the Burial of Stalin.” "
            "<i>Slavic Review</i> 67, no. 2 (2008): 352–77.",
        ),
        (
            ARCHIVAL,
            "Beria, Lavrentiy. “Letter to the Presidium of the Central Committee.” "
            "Letter, March 10, 1953. F. 5, op. 30, d. 4. "
            "Russian State Archive of Contemporary History.",
        ),
    ],
    ids=["book", "article", "archival document"],
)
def test_the_bibliography_lists_the_work(item, expected):
    assert source("work", item).entry_html == expected


def test_a_work_cited_again_gets_ibid_then_the_short_note():
    formatted = format_citations(
        {"taubman": BOOK, "jones": ARTICLE},
        [
            Cite("taubman", "p. 12"),
            Cite("taubman", "p. 14"),
            Cite("jones"),
            Cite("taubman", "p. 20"),
        ],
    )

    assert formatted.notes[1] == "Ibid., 14."
    assert formatted.notes[3].startswith("Taubman, <i>Khrushchev: The Man and His Era")
    assert formatted.notes[3].endswith("20.")


def test_the_works_cited_are_in_alphabetical_order():
    formatted = format_citations(
        {"taubman": BOOK, "jones": ARTICLE, "beria": ARCHIVAL},
        [Cite("taubman"), Cite("jones"), Cite("beria")],
    )

    assert [entry.split(",")[0] for entry in formatted.bibliography] == [
        "Beria",
        "Jones",
        "Taubman",
    ]


def test_markup_in_a_source_is_shown_as_text():
    work = source("odd", {**BOOK, "title": "Stalin <script>alert(1)</script> & Co"})

    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in work.entry_html
    assert "<script>" not in work.entry_html


# Posts citing sources


def test_a_note_citing_a_source_shows_the_citation_and_the_works_cited(client):
    source("taubman2003", BOOK)
    post = PostFactory(
        body=f"<p>He rose fast.{note('A remarkable rise.', source='taubman2003', locator='p. 12')}</p>"
    )

    html = client.get(post.get_absolute_url()).text

    assert notes_shown(html) == [
        (
            1,
            "William Taubman, Khrushchev: The Man and His Era (New York: "
            "W. W. Norton, 2003), 12. A remarkable rise.",
        )
    ]
    assert '<section class="works-cited"' in html
    assert (
        "<li>Taubman, William. <i>Khrushchev: The Man and His Era</i>. "
        "New York: W. W. Norton, 2003.</li>"
    ) in html


def test_a_post_with_notes_and_works_cited_reads_nothing_more(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    source("taubman2003", BOOK)
    plain = PostFactory(body="<p>Plain.</p>")
    cited = PostFactory(
        body=f"<p>A{note('', source='taubman2003')} B{note('Aside.')}</p>"
    )
    client.get(plain.get_absolute_url())

    with CaptureQueriesContext(connection) as for_plain:
        client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as for_cited:
        response = client.get(cited.get_absolute_url())

    assert "Works cited" in response.text
    assert len(for_cited) == len(for_plain)


def test_changing_a_source_in_the_admin_changes_the_posts_citing_it(
    admin_client, client
):
    work = source("taubman2003", BOOK)
    post = PostFactory(body=f"<p>A{note('', source='taubman2003')}</p>")
    client.get(post.get_absolute_url())

    response = admin_client.post(
        reverse("admin:posts_source_change", args=[work.pk]),
        {
            "key": "taubman2003",
            "type": "book",
            "authors": "Taubman, William",
            "work_title": "Khrushchev: The Man and His Era",
            "publisher": "Norton",
            "publisher_place": "New York",
            "date": "2003",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    html = client.get(post.get_absolute_url()).text
    assert "(New York: Norton, 2003)" in html
    assert "W. W. Norton" not in html


def test_saving_a_source_unchanged_in_the_admin_leaves_the_posts_citing_it_alone(
    admin_client,
):
    entered = {
        "key": "taubman2003",
        "type": "book",
        "authors": "Taubman, William",
        "work_title": "Khrushchev: The Man and His Era",
        "date": "2003",
    }
    admin_client.post(reverse("admin:posts_source_add"), entered)
    work = Source.objects.get(key="taubman2003")
    post = PostFactory(body=f"<p>A{note('', source='taubman2003')}</p>")
    saved_at = Post.objects.get(pk=post.pk).updated_at

    response = admin_client.post(
        reverse("admin:posts_source_change", args=[work.pk]), entered
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Post.objects.get(pk=post.pk).updated_at == saved_at


def test_a_source_entered_in_the_admin_is_kept_as_csl_json(admin_client):
    response = admin_client.post(
        reverse("admin:posts_source_add"),
        {
            "key": "beria1953",
            "type": "manuscript",
            "authors": "Beria, Lavrentiy\nCentral Committee",
            "work_title": "Letter to the Presidium",
            "genre": "Letter",
            "date": "1953-03-10",
            "archive": "RGANI",
            "archive_location": "f. 5, op. 30, d. 4",
            "other": '{"note": "Typescript"}',
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Source.objects.get(key="beria1953").csl == {
        "type": "manuscript",
        "author": [
            {"family": "Beria", "given": "Lavrentiy"},
            {"literal": "Central Committee"},
        ],
        "title": "Letter to the Presidium",
        "genre": "Letter",
        "issued": {"date-parts": [[1953, 3, 10]]},
        "archive": "RGANI",
        "archive_location": "f. 5, op. 30, d. 4",
        "note": "Typescript",
    }


def test_a_bad_date_in_the_admin_is_refused_keeping_what_was_typed(admin_client):
    response = admin_client.post(
        reverse("admin:posts_source_add"),
        {"key": "x", "type": "book", "work_title": "A title", "date": "25 Feb 1956"},
    )

    assert response.status_code == HTTPStatus.OK
    assert "Write the date as 1956, 1956-02 or 1956-02-25." in response.text
    assert 'value="A title"' in response.text
    assert not Source.objects.exists()


def test_a_note_citing_an_unknown_source_is_refused_in_the_admin(admin_client):
    post = PostFactory()
    body = f"<p>Text{note('', source='nobody1999')}</p>"

    response = admin_client.post(
        reverse("admin:posts_post_change", args=[post.pk]), post_form(post, body=body)
    )

    assert response.status_code == HTTPStatus.OK
    assert "A note cites a source that does not exist: nobody1999." in response.text
    post.refresh_from_db()
    assert "nobody1999" not in post.body


# The list of sources


def test_the_list_of_sources_shows_each_with_the_posts_that_cite_it(client):
    source("taubman2003", BOOK)
    source("jones2008", ARTICLE)
    citing = PostFactory(
        title="The rise", body=f"<p>A{note('', source='taubman2003')}</p>"
    )
    PostFactory(
        title="Unseen draft",
        draft=True,
        body=f"<p>A{note('', source='taubman2003')}</p>",
    )

    response = client.get(reverse("posts:sources"))

    text = page_text(response.text)
    assert response.status_code == HTTPStatus.OK
    assert text.index("Jones, Polly.") < text.index("Taubman, William.")
    assert f'<a href="{citing.get_absolute_url()}">The rise</a>' in response.text
    assert "Unseen draft" not in text


def test_the_list_of_sources_is_renewed_when_a_post_cites_a_new_source(client):
    source("jones2008", ARTICLE)
    post = PostFactory(title="The rise", body="<p>Text</p>")
    client.get(reverse("posts:sources"))
    assert client.get(reverse("posts:sources")).headers.get(STATUS_HEADER) == "hit"

    post.body = f"<p>Text{note('', source='jones2008')}</p>"
    post.save()

    assert "The rise" in client.get(reverse("posts:sources")).text


def test_the_list_of_sources_runs_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    for number in range(10):
        source(f"work{number}", {**BOOK, "title": f"Volume {number}"})
        PostFactory(body=f"<p>A{note('', source=f'work{number}')}</p>")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("posts:sources"))

    assert response.text.count('class="cited-in"') == 10


# Importing BibTeX and RIS files


def test_a_zotero_bibtex_export_is_imported(client):
    result = imported("zotero.bib")

    assert sorted(result.created) == [
        "beria_letter_1953",
        "jones_secret_2008",
        "taubman_khrushchev_2003",
    ]
    article = Source.objects.get(key="jones_secret_2008").csl
    assert article["page"] == "352-377"
    assert article["issued"] == {"date-parts": [[2008, 6]]}
    assert article["title"] == "From the Secret Speech to the Burial of Stalin"
    letter = Source.objects.get(key="beria_letter_1953").csl
    assert letter["type"] == "manuscript"
    assert letter["archive_location"] == "f. 5, op. 30, d. 4"


def test_a_jabref_file_with_strings_comments_and_accents_is_imported():
    imported("jabref.bib")

    book = Source.objects.get(key="fitzpatrick1999").csl
    assert book["publisher"] == "University of Chicago Press"
    chapter = Source.objects.get(key="dobson2009").csl
    assert chapter["note"] == "Translated by Jörg Schön"
    assert chapter["editor"][1] == {"family": "Gilburd", "given": "Eleonory"}
    assert chapter["type"] == "chapter"


def test_a_zotero_ris_export_is_imported():
    result = imported("zotero.ris")

    assert sorted(result.created) == ["beria1953", "jones2008", "taubman2003"]
    assert Source.objects.get(key="jones2008").csl["page"] == "352-377"
    assert Source.objects.get(key="beria1953").csl["archive"] == (
        "Russian State Archive of Contemporary History"
    )


def test_importing_a_file_again_updates_its_sources():
    imported("zotero.ris")
    Source.objects.filter(key="jones2008").update(csl={"title": "Changed"})

    result = imported("zotero.ris")

    assert result.created == []
    assert result.updated == ["jones2008"]
    assert len(result.unchanged) == 2
    assert Source.objects.get(key="jones2008").title.startswith("From the Secret")


def test_importing_a_file_again_leaves_the_posts_citing_unchanged_sources_alone():
    imported("zotero.ris")
    cites_unchanged = PostFactory(body=f"<p>A{note('', source='jones2008')}</p>")
    cites_changed = PostFactory(body=f"<p>B{note('', source='taubman2003')}</p>")
    Source.objects.filter(key="taubman2003").update(csl={"title": "Changed"})
    before = dict(Post.objects.values_list("pk", "updated_at"))

    imported("zotero.ris")

    after = dict(Post.objects.values_list("pk", "updated_at"))
    assert after[cites_unchanged.pk] == before[cites_unchanged.pk]
    assert after[cites_changed.pk] > before[cites_changed.pk]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "unbalanced.bib",
            "The entry “broken2002” on line 7 cannot be read: check its braces, "
            "quotes and commas.",
        ),
        ("untitled.bib", "The entry “untitled1990” has no title."),
        ("latin1.bib", "The file is not UTF-8 text: export it again as UTF-8."),
        ("unclosed.ris", "The record that starts on line 5 has no end (ER)."),
        (
            "stray.ris",
            "Line 4 is outside a record: a record starts with TY and ends with ER.",
        ),
        ("notes.txt", "Only BibTeX (.bib) and RIS (.ris) files can be imported."),
    ],
)
def test_a_bad_file_is_refused_whole_saying_why(name, message):
    with pytest.raises(SourceFileError) as refused:
        imported(name)

    assert str(refused.value) == message
    assert not Source.objects.exists()


def test_the_admin_imports_a_file_and_says_how_many(admin_client):
    with (DATA / "zotero.bib").open("rb") as upload:
        response = admin_client.post(
            reverse("admin:posts_source_import"), {"file": upload}, follow=True
        )

    assert "Imported 3 new source(s) and updated 0; 0 unchanged." in response.text
    assert Source.objects.count() == 3


def test_the_admin_refuses_a_bad_file_and_imports_nothing(admin_client):
    with (DATA / "unbalanced.bib").open("rb") as upload:
        response = admin_client.post(
            reverse("admin:posts_source_import"), {"file": upload}
        )

    assert response.status_code == HTTPStatus.OK
    assert "Nothing was imported. The entry “broken2002” on line 7" in response.text
    assert not Source.objects.exists()


def test_the_source_list_in_the_admin_links_to_the_import(admin_client):
    response = admin_client.get(reverse("admin:posts_source_changelist"))

    assert reverse("admin:posts_source_import") in response.text


def test_importing_a_source_a_post_already_names_gives_the_post_its_citation():
    post = PostFactory(body=f"<p>A{note('', source='jones2008')}</p>")

    imported("zotero.ris")

    post.refresh_from_db()
    assert "Slavic Review" in post.body_html


def test_the_import_command_reports_and_refuses_bad_files():
    call_command("import_sources", str(DATA / "zotero.ris"), verbosity=0)
    assert Source.objects.count() == 3

    with pytest.raises(CommandError, match=r"Nothing was imported\. The record"):
        call_command("import_sources", str(DATA / "unclosed.ris"))


def test_the_editor_reads_the_keys_of_the_sources_there_are(admin_client):
    source("taubman2003", BOOK)

    response = admin_client.get(reverse("admin:posts_source_keys"))

    assert response.json() == {
        "sources": [{"key": "taubman2003", "title": BOOK["title"]}]
    }


def test_the_keys_of_the_sources_are_for_staff_only(client):
    source("taubman2003", BOOK)

    response = client.get(reverse("admin:posts_source_keys"))

    assert response.status_code == HTTPStatus.FOUND
    assert "taubman2003" not in response.text


def test_other_csl_json_that_is_not_json_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:posts_source_add"),
        {"key": "x", "type": "book", "work_title": "A title", "other": "{DOI: 1"},
    )

    assert response.status_code == HTTPStatus.OK
    assert "This is not JSON" in response.text
    assert not Source.objects.exists()


def test_a_source_s_admin_page_shows_it_formatted_and_the_posts_citing_it(
    admin_client,
):
    work = source("taubman2003", BOOK)
    post = PostFactory(
        title="The rise", body=f"<p>A{note('', source='taubman2003')}</p>"
    )

    response = admin_client.get(reverse("admin:posts_source_change", args=[work.pk]))

    assert "Taubman, William. <i>Khrushchev: The Man and His Era</i>." in response.text
    assert (
        f'<a href="{reverse("admin:posts_post_change", args=[post.pk])}">The rise</a>'
        in response.text
    )
    assert 'value="Khrushchev: The Man and His Era"' in response.text
