"""Paragraphs for bodies written in WordPress's classic editor, as wpautop
makes them."""

import json
from pathlib import Path

from posts.importers.autop import autop, join_lines


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    text = "Some long text\nthat has many lines\n\nand paragraphs in it."

    html = autop(text)

    assert html == (
        "<p>Some long text<br>\nthat has many lines</p>\n<p>and paragraphs in it.</p>"
    )


def test_text_around_block_elements_becomes_paragraphs_but_blocks_are_not_wrapped():
    html = autop(
        "Intro\n<h2>Heading</h2>\nAfter the heading\n<ul>\n<li>one</li>\n</ul>"
    )

    assert html == (
        "<p>Intro</p>\n<h2>Heading</h2>\n<p>After the heading</p>\n"
        "<ul>\n<li>one</li>\n</ul>"
    )


def test_text_in_a_quote_is_a_paragraph():
    assert autop("<blockquote>Quoted</blockquote>") == (
        "<blockquote><p>Quoted</p></blockquote>"
    )


def test_text_in_a_list_item_is_paragraphed_only_when_it_holds_blank_lines():
    html = autop("<ul><li>short</li><li>one\n\ntwo</li></ul>")

    assert html == "<ul><li>short</li><li><p>one</p>\n<p>two</p></li></ul>"


def test_two_line_breaks_in_a_row_end_a_paragraph():
    assert autop("one<br><br />two") == "<p>one</p>\n<p>two</p>"


def test_an_existing_line_break_is_not_doubled():
    assert autop("one<br />\ntwo") == "<p>one<br />\ntwo</p>"


def test_preformatted_text_is_left_exactly_as_it_is():
    code = "<pre>def f():\n\n    return '<p>'\n</pre>"

    assert autop(f"{code}\n\nAfter") == f"{code}\n<p>After</p>"


def test_newlines_inside_a_tag_stay_newlines():
    assert autop('<a\nhref="/x">link</a>') == '<p><a\nhref="/x">link</a></p>'


def test_a_comment_alone_on_its_line_makes_no_line_break():
    assert autop("Intro\n<!--more-->\nRest") == "<p>Intro<br>\n<!--more-->Rest</p>"


def test_block_editor_content_is_left_alone():
    blocks = "<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->"

    assert autop(blocks) == blocks


def test_whitespace_only_text_makes_nothing():
    assert autop(" \n\n\t") == ""


def test_html_already_in_paragraphs_comes_through_unchanged():
    fixture = Path(__file__).parent.parent / "posts" / "fixtures" / "khrushchev.json"
    body = next(
        item["fields"]["body"]
        for item in json.loads(fixture.read_text())
        if item["model"] == "posts.post"
    )

    assert autop(body) == body


def test_joined_lines_read_the_same_and_get_no_line_breaks_from_autop():
    html = "<p>one\ntwo</p>\n<pre>a\nb</pre>"

    joined = join_lines(html)

    assert joined == "<p>one two</p>\n<pre>a\nb</pre>"
    assert autop(joined) == joined
