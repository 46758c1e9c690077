"""Cite this post: the three styles, the BibTeX and RIS downloads, and the
citation_* tags of the post page's head."""

from datetime import UTC, datetime
from http import HTTPStatus

import pytest

from posts.citation import cite
from tests.factories import PostFactory, UserFactory
from tests.test_metadata import head_of

PUBLISHED = datetime(2016, 5, 12, 9, 30, tzinfo=UTC)
URL = "https://greatleaders.example/2016/05/the-secret-speech/"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://greatleaders.example"
    settings.SITE_TITLE = "Great Leaders"
    settings.TIME_ZONE = "UTC"


def post_by(author=None, **fields):
    values = {
        "title": "The Secret Speech",
        "slug": "the-secret-speech",
        "published_at": PUBLISHED,
        "author": author,
    }
    return PostFactory.build(**(values | fields))


def two_part_author():
    return UserFactory.build(username="ann", first_name="Ann Mary", last_name="Smith")


def single_name_author():
    return UserFactory.build(username="plutarch", first_name="", last_name="")


def test_chicago_inverts_a_two_part_name_and_calls_the_site_a_blog():
    citation = cite(post_by(two_part_author()))

    assert str(citation.chicago) == (
        "Smith, Ann Mary. “The Secret Speech.” Great Leaders (blog), "
        f"May 12, 2016. {URL}."
    )


def test_chicago_keeps_a_single_name_as_it_is():
    citation = cite(post_by(single_name_author()))

    assert str(citation.chicago) == (
        f"plutarch. “The Secret Speech.” Great Leaders (blog), May 12, 2016. {URL}."
    )


def test_chicago_without_an_author_starts_with_the_title():
    citation = cite(post_by())

    assert str(citation.chicago) == (
        f"“The Secret Speech.” Great Leaders (blog), May 12, 2016. {URL}."
    )


def test_chicago_does_not_add_blog_to_a_site_that_says_so(settings):
    settings.SITE_TITLE = "The Leaders Blog"

    citation = cite(post_by())

    assert citation.chicago.after.startswith(", May 12, 2016.")


def test_mla_abbreviates_the_month_and_drops_the_scheme_of_the_address():
    citation = cite(post_by(two_part_author()))

    assert str(citation.mla) == (
        "Smith, Ann Mary. “The Secret Speech.” Great Leaders, 12 May 2016, "
        "greatleaders.example/2016/05/the-secret-speech/."
    )


def test_mla_with_a_single_name_author_and_a_september_date():
    post = post_by(
        single_name_author(), published_at=datetime(2016, 9, 1, 12, tzinfo=UTC)
    )

    citation = cite(post)

    assert str(citation.mla) == (
        "plutarch. “The Secret Speech.” Great Leaders, 1 Sept. 2016, "
        "greatleaders.example/2016/09/the-secret-speech/."
    )


def test_mla_without_an_author_starts_with_the_title():
    citation = cite(post_by())

    assert str(citation.mla) == (
        "“The Secret Speech.” Great Leaders, 12 May 2016, "
        "greatleaders.example/2016/05/the-secret-speech/."
    )


def test_apa_gives_the_family_name_and_initials():
    citation = cite(post_by(two_part_author()))

    assert str(citation.apa) == (
        f"Smith, A. M. (2016, May 12). The Secret Speech. Great Leaders. {URL}"
    )


def test_apa_keeps_a_single_name_as_it_is():
    citation = cite(post_by(single_name_author()))

    assert str(citation.apa) == (
        f"plutarch. (2016, May 12). The Secret Speech. Great Leaders. {URL}"
    )


def test_apa_without_an_author_puts_the_title_first():
    citation = cite(post_by())

    assert str(citation.apa) == (
        f"The Secret Speech. (2016, May 12). Great Leaders. {URL}"
    )


def test_a_title_ending_in_a_question_mark_takes_no_full_stop():
    citation = cite(post_by(title="Was Stalin Disowned?"))

    assert citation.chicago.before == "“Was Stalin Disowned?” "
    assert citation.apa.before == "Was Stalin Disowned? (2016, May 12). "


def test_the_site_title_is_the_part_set_in_italics():
    citation = cite(post_by(two_part_author()))

    assert {citation.chicago.container, citation.mla.container} == {"Great Leaders"}
    assert citation.apa.container == "Great Leaders"


def test_dates_are_those_of_the_site_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"

    citation = cite(post_by(published_at=datetime(2016, 5, 1, 2, tzinfo=UTC)))

    assert citation.scholar_date == "2016/04/30"


@pytest.mark.django_db
def test_the_post_page_offers_the_three_styles_and_the_downloads(client):
    post = PostFactory(title="Kings & <Queens>", author=two_part_author_saved())

    page = client.get(post.get_absolute_url()).text

    assert "<summary>Cite this post</summary>" in page
    assert "“Kings &amp; &lt;Queens&gt;.” <cite>Great Leaders</cite> (blog)" in page
    assert f'href="{post.get_absolute_url()}cite.bib"' in page
    assert f'href="{post.get_absolute_url()}cite.ris"' in page


def test_nothing_of_the_day_of_reading_is_cited():
    citation = cite(post_by(two_part_author()))

    every_text = [str(citation.chicago), str(citation.mla), str(citation.apa)]
    every_text += [citation.bibtex, citation.ris]
    assert not any("ccessed" in text or "urldate" in text for text in every_text)
    assert "Y2  -" not in citation.ris


def two_part_author_saved():
    return UserFactory(username="ann", first_name="Ann Mary", last_name="Smith")


@pytest.mark.django_db
def test_the_bibtex_download_is_an_attachment_with_the_post_fields(client):
    post = PostFactory(
        title="The Secret Speech",
        slug="the-secret-speech",
        published_at=PUBLISHED,
        author=two_part_author_saved(),
    )

    response = client.get(f"{post.get_absolute_url()}cite.bib")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="the-secret-speech-2016.bib"'
    )
    assert response.text == (
        "@misc{the-secret-speech-2016,\n"
        "  author = {Smith, Ann Mary},\n"
        "  title = {{The Secret Speech}},\n"
        "  howpublished = {Great Leaders},\n"
        "  year = {2016},\n"
        "  month = may,\n"
        "  date = {2016-05-12},\n"
        f"  url = {{{URL}}}\n"
        "}\n"
    )


def test_bibtex_escapes_the_characters_it_reads_as_markup():
    citation = cite(post_by(title="Kings & {Queens} at 100% _now_ #1 $5 ~^\\"))

    assert "  title = {{Kings \\& \\{Queens\\} at 100\\% \\_now\\_ \\#1 \\$5 " in (
        citation.bibtex
    )
    assert "\\textasciitilde{}\\textasciicircum{}\\textbackslash{}}}," in (
        citation.bibtex
    )


def test_bibtex_braces_a_single_name_so_it_is_never_split():
    author = UserFactory.build(first_name="Tom and Jerry", last_name="")

    citation = cite(post_by(author))

    assert "  author = {{Tom and Jerry}},\n" in citation.bibtex


def test_bibtex_keeps_an_and_inside_a_name_from_splitting_it():
    author = UserFactory.build(first_name="Ann and Mary", last_name="Smith")

    citation = cite(post_by(author))

    assert "  author = {Smith, Ann {and} Mary},\n" in citation.bibtex


def test_bibtex_leaves_out_an_absent_author():
    assert "author" not in cite(post_by()).bibtex


@pytest.mark.django_db
def test_the_ris_download_is_a_blog_record(client):
    post = PostFactory(
        title="Kings & {Queens}",
        slug="the-secret-speech",
        published_at=PUBLISHED,
        author=two_part_author_saved(),
    )

    response = client.get(f"{post.get_absolute_url()}cite.ris")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == (
        "application/x-research-info-systems; charset=utf-8"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="the-secret-speech-2016.ris"'
    )
    assert response.text == (
        "TY  - BLOG\r\n"
        "AU  - Smith, Ann Mary\r\n"
        "TI  - Kings & {Queens}\r\n"
        "T2  - Great Leaders\r\n"
        "PY  - 2016\r\n"
        "DA  - 2016/05/12\r\n"
        f"UR  - {URL}\r\n"
        "ER  - \r\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bib", "ris"])
def test_an_unpublished_post_has_no_downloads(client, kind):
    post = PostFactory(draft=True)

    response = client.get(f"{post.get_absolute_url()}cite.{kind}")

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db
def test_a_scheduled_post_has_no_downloads(client):
    post = PostFactory(scheduled=True)

    response = client.get(f"{post.get_absolute_url()}cite.bib")

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db
def test_a_download_at_another_month_moves_to_the_post_month(client):
    post = PostFactory(slug="the-secret-speech", published_at=PUBLISHED)

    response = client.get("/2016/07/the-secret-speech/cite.ris")

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == f"{post.get_absolute_url()}cite.ris"


@pytest.mark.django_db
def test_the_post_page_carries_the_citation_tags(client):
    post = PostFactory(
        title="The Secret Speech",
        slug="the-secret-speech",
        published_at=PUBLISHED,
        author=two_part_author_saved(),
    )

    head = head_of(client, post.get_absolute_url())

    assert head.meta["citation_title"] == "The Secret Speech"
    assert head.meta["citation_author"] == "Smith, Ann Mary"
    assert head.meta["citation_publication_date"] == "2016/05/12"
    assert head.meta["citation_publisher"] == "Great Leaders"
    assert head.meta["citation_fulltext_html_url"] == URL


@pytest.mark.django_db
def test_a_post_without_an_author_has_no_citation_author(client):
    post = PostFactory()

    head = head_of(client, post.get_absolute_url())

    assert "citation_author" not in head.meta
    assert "citation_title" in head.meta


@pytest.mark.django_db
def test_a_download_is_shared_like_a_page(client):
    post = PostFactory()

    response = client.get(f"{post.get_absolute_url()}cite.bib")

    assert "public" in response["Cache-Control"]
