"""Search: the same tests run on SQLite (FTS5) and PostgreSQL (tsvector)."""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db import connection

from posts.models import Post
from posts.search import MARK_END, MARK_START, highlight, parse_query, search_posts
from tests.factories import PostFactory
from tests.html_text import page_text

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "pending", "private", "scheduled"]


def titles(posts):
    return [post.title for post in posts]


def test_search_finds_a_post_by_a_word_of_its_body():
    post = PostFactory(body="<p>The Cuban missile crisis lasted thirteen days.</p>")
    PostFactory(body="<p>Nothing to see here.</p>")

    assert titles(search_posts("missile")) == [post.title]


def test_search_finds_words_in_the_title_and_the_excerpt():
    by_title = PostFactory(title="Tito and Yugoslavia")
    by_excerpt = PostFactory(excerpt="How Nasser nationalised the canal.")

    assert titles(search_posts("Yugoslavia")) == [by_title.title]
    assert titles(search_posts("nationalised")) == [by_excerpt.title]


def test_search_matches_other_forms_of_a_word():
    post = PostFactory(body="<p>He gave many speeches in 1956.</p>")

    assert titles(search_posts("speech")) == [post.title]


def test_search_ignores_case():
    post = PostFactory(body="<p>Khrushchev spoke.</p>")

    assert titles(search_posts("KHRUSHCHEV")) == [post.title]


def test_every_word_must_match():
    both = PostFactory(body="<p>Stalin and Lenin.</p>")
    PostFactory(body="<p>Stalin alone.</p>")

    assert titles(search_posts("stalin lenin")) == [both.title]


def test_a_quoted_phrase_matches_the_words_together():
    together = PostFactory(body="<p>The cult of the individual grew.</p>")
    PostFactory(body="<p>An individual joined the cult.</p>")

    assert titles(search_posts('"cult of the individual"')) == [together.title]


def test_a_minus_leaves_out_posts_with_the_word():
    PostFactory(body="<p>Stalin and Lenin.</p>")
    alone = PostFactory(body="<p>Stalin alone.</p>")

    assert titles(search_posts("stalin -lenin")) == [alone.title]


def test_tag_names_and_attributes_of_the_body_are_not_searched():
    PostFactory(
        body='<blockquote><p><a href="https://example.org/">A link</a></p></blockquote>'
    )

    assert list(search_posts("blockquote")) == []
    assert list(search_posts("href")) == []
    assert list(search_posts("example")) == []


def test_a_title_match_ranks_above_a_body_match():
    in_body = PostFactory(title="A speech", body="<p>About Gorbachev.</p>")
    in_title = PostFactory(title="Gorbachev", body="<p>A life.</p>")

    assert titles(search_posts("gorbachev")) == [in_title.title, in_body.title]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_are_never_found(state):
    PostFactory(**{state: True}, body="<p>Secret missile plans.</p>")

    assert list(search_posts("missile")) == []


def test_the_index_follows_edits_and_deletions():
    post = PostFactory(body="<p>Original wording.</p>")

    post.body = "<p>Revised wording.</p>"
    post.save()
    assert titles(search_posts("revised")) == [post.title]
    assert list(search_posts("original")) == []

    post.delete()
    assert list(search_posts("revised")) == []


def test_the_index_follows_bulk_updates_that_bypass_save():
    post = PostFactory(title="Before")

    Post.objects.filter(pk=post.pk).update(title="Brezhnev")

    assert titles(search_posts("brezhnev")) == ["Brezhnev"]


def test_posts_loaded_from_a_fixture_are_found():
    call_command("loaddata", "khrushchev", verbosity=0)

    assert titles(search_posts("Khrushchev")) == ["When the Soviets disowned Stalin"]


def test_a_headline_shows_the_matches_in_the_body():
    PostFactory(body="<p>In February 1956 Khrushchev denounced Stalin.</p>")

    (post,) = search_posts("denounced")

    assert f"{MARK_START}denounced{MARK_END}" in post.headline
    assert "<p>" not in post.headline


def test_a_highlighted_headline_is_escaped_html_with_marks():
    html = highlight(f"1 &lt; 2 <b> {MARK_START}Stalin{MARK_END} & co")

    assert html == "1 &amp;lt; 2 &lt;b&gt; <mark>Stalin</mark> &amp; co"


def test_a_stray_mark_in_a_headline_is_dropped():
    assert highlight(f"a {MARK_START}b") == "a b"


# Anything a reader types gives results or nothing, never an error.
ODD_QUERIES = [
    "",
    "   ",
    '"',
    '"unterminated phrase',
    '""',
    "'",
    "it's",
    "AND OR NOT",
    "stalin OR lenin",
    "NEAR(stalin lenin)",
    "stal*",
    "^stalin",
    "title:stalin",
    "stalin & | ! <->",
    "!!",
    "(((",
    ")",
    "-",
    "--stalin",
    "-stalin",
    "* + - : ^",
    "%_%",
    "\\",
    "'; DROP TABLE posts_post; --",
    "<script>alert(1)</script>",
    "\x02\x03",
    "Сталин",
    "毛泽东",
    "حكومة",
    "🚀",
    "x" * 10_000,
    "stalin " * 500,
    "the of and",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_any_query_gives_results_or_nothing_never_an_error(client, query):
    PostFactory(body="<p>Stalin, Lenin and Сталин.</p>")

    found = list(search_posts(query))
    response = client.get("/search/", {"q": query})

    assert response.status_code == HTTPStatus.OK
    assert len(found) in (0, 1)


def test_a_query_holding_a_nul_character_finds_as_without_it():
    post = PostFactory(body="<p>Stalin, Lenin and Сталин.</p>")

    assert titles(search_posts("\x00stalin")) == [post.title]


def test_a_search_address_holding_a_nul_character_is_a_bad_request(client):
    response = client.get("/search/", {"q": "\x00stalin"})

    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_a_non_latin_word_is_found():
    post = PostFactory(body="<p>Иосиф Сталин родился в Гори.</p>")

    assert titles(search_posts("Сталин")) == [post.title]


def test_stop_words_alone_find_nothing_on_every_database():
    PostFactory(body="<p>The rise and the fall.</p>")

    assert list(search_posts("the and")) == []


def test_parse_query_splits_words_phrases_and_exclusions():
    terms = parse_query('stalin "secret speech" -lenin the ???')

    assert [(term.text, term.phrase, term.excluded) for term in terms] == [
        ("stalin", False, False),
        ("secret speech", True, False),
        ("lenin", False, True),
    ]


def test_parse_query_keeps_only_the_first_terms_of_a_long_query():
    assert len(parse_query(" ".join(f"word{n}" for n in range(100)))) == 10


def test_the_results_page_shows_the_count_the_results_and_highlighted_extracts(client):
    PostFactory(title="The thaw", body="<p>Khrushchev's thaw began in 1956.</p>")
    PostFactory(title="Other", body="<p>Nothing relevant.</p>")

    response = client.get("/search/", {"q": "thaw"})

    text = page_text(response.text)
    assert "Search results for “thaw”" in text
    assert "1 post found" in text
    assert "The thaw" in text
    assert "Other" not in text
    assert "<mark>thaw</mark>" in response.text


def test_the_results_page_says_nothing_was_found(client):
    response = client.get("/search/", {"q": "zeppelin"})

    assert "Nothing found" in page_text(response.text)


def test_an_empty_search_shows_how_to_search(client):
    response = client.get("/search/")

    assert response.status_code == HTTPStatus.OK
    assert "Type a word" in page_text(response.text)


def test_the_query_is_escaped_on_the_results_page(client):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})

    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)" in response.text


def test_results_are_paginated_keeping_the_query(client, settings):
    settings.POSTS_PER_PAGE = 2
    PostFactory.create_batch(5, body="<p>Mao and the long march.</p>")

    first = client.get("/search/", {"q": "march"})
    third = client.get("/search/", {"q": "march", "page": 3})

    assert len(first.context["page_obj"]) == 2
    assert "5 posts found" in page_text(first.text)
    assert 'href="/search/?q=march&amp;page=2" rel="next"' in first.text
    assert len(third.context["page_obj"]) == 1


def test_results_pages_are_kept_out_of_search_engines(client):
    response = client.get("/search/", {"q": "anything"})

    assert '<meta name="robots" content="noindex">' in response.text


def test_every_page_has_a_search_box(client):
    post = PostFactory()

    for url in ["/", post.get_absolute_url(), "/series/", "/no-such-page/"]:
        response = client.get(url)
        assert 'role="search"' in response.text, url
        assert 'name="q"' in response.text, url


def test_the_search_page_runs_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.POSTS_PER_PAGE = 20
    PostFactory.create_batch(25, body="<p>Castro and Cuba.</p>")

    # One more since search finds people too (issue #18).
    with django_assert_max_num_queries(5):
        response = client.get("/search/", {"q": "cuba"})

    assert len(response.context["page_obj"]) == 20


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's triggers are what is tested"
)
def test_the_sqlite_index_is_rebuilt_when_a_migration_drops_its_triggers():
    from posts.search import install_sqlite_index

    post = PostFactory(title="Before")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER posts_post_fts_update")
    Post.objects.filter(pk=post.pk).update(title="Andropov")
    assert list(search_posts("andropov")) == []

    rebuilt = install_sqlite_index(connection)

    assert rebuilt
    assert titles(search_posts("andropov")) == ["Andropov"]
