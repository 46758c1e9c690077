"""What hostile clients send, as Hypothesis strategies."""

import encodings.aliases
from urllib.parse import quote, urlencode

from hypothesis import strategies as st

# Any character a URL or a form can carry (lone surrogates cannot be
# encoded), NUL among them.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
# Header values reach Django as Latin-1 strings.
header_text = st.text(st.characters(max_codepoint=255), max_size=40)

# Numbers as they are, and as they are not: other digits ("²", "١٢"),
# leading zeros, signs, blanks, huge ones.
numbers = st.one_of(
    st.integers(-3, 10**20).map(str),
    st.builds(
        lambda zeros, n: "0" * zeros + str(n), st.integers(0, 4), st.integers(0, 30)
    ),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=4),
    st.sampled_from(
        ["", " 1", "+1", "1_0", "1e3", "0x1", "1.5", "last", "\x00", "9" * 5000]
    ),
)
values = st.one_of(numbers, any_text)

SLUGS = [
    "history",
    "soviet-union",
    "khrushchev",
    "cold-war",
    "ann",
    "the-thaw",
    "about",
]
PARAMETERS = [
    "page", "p", "page_id", "cat", "tag", "s", "m", "feed", "paged",
    "replytocom", "cpage", "q", "next", "utm_source",
]  # fmt: skip
# Addresses of every kind of page, each {} a segment to fill.
SHAPES = [
    "/", "/{}/", "/{}/{}/", "/{}/{}/{}/", "/{}/{}/{}/{}/",
    "/category/{}/", "/category/{}/feed/", "/category/{}/{}/", "/tag/{}/",
    "/tag/{}/feed/atom/", "/author/{}/", "/author/{}/feed/", "/series/{}/",
    "/series/{}/feed/", "/{}/feed/", "/2016/{}/", "/{}/05/", "/{}/{}/the-thaw/",
    "/{}/{}/{}/the-thaw/", "/search/{}/", "/{}/page/{}/", "/page/{}/",
    "/index.php/{}/", "/sitemap-{}.xml", "/sitemap.xml", "/feed/{}/",
    "/comments/feed/", "/feed/json/", "/robots.txt", "/healthz",
    "/comments/stamp/", "/admin/login/",
]  # fmt: skip
# What no encoder writes: bare and broken escapes, encoded slashes, dots.
RAW = ["%00", "%ff", "%", "%2F", "%c0%af", "%e2%82", "..", ".", "%25", ""]

segments = st.one_of(
    st.sampled_from(SLUGS),
    numbers.map(lambda text: quote(text, safe="")),
    any_text.map(lambda text: quote(text, safe="")),
    st.sampled_from(RAW),
)


@st.composite
def addresses(draw):
    """An address shaped like one of the site's, its segments filled in."""
    shape = draw(st.sampled_from(SHAPES))
    filled = shape.format(*(draw(segments) for _ in range(shape.count("{}"))))
    if draw(st.booleans()):
        return filled
    return filled.rstrip("/") or "/"


queries = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), any_text), values), max_size=3
).map(lambda pairs: urlencode(pairs, quote_via=quote))

# The names of every codec Python knows (text encodings or not) and others.
charsets = st.one_of(
    st.sampled_from(sorted(set(encodings.aliases.aliases.values()))),
    st.sampled_from(["utf-8", "utf-16", "latin-1", "base64", "rot13", "undefined"]),
    header_text,
)
content_types = st.one_of(
    st.builds(
        "{}; charset={}".format,
        st.sampled_from(
            ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
        ),
        charsets,
    ),
    st.builds("text/plain; charset*={}''{}".format, charsets, header_text),
    header_text,
)

forwarded_addresses = st.one_of(
    st.ip_addresses().map(str),
    st.lists(st.ip_addresses().map(str), max_size=3).map(", ".join),
    st.sampled_from(["not-an-ip", "1.2.3.4.5", "fe80::1%eth0", "::", "", ","]),
    header_text,
)
cookies = st.dictionaries(
    st.sampled_from(["sessionid", "csrftoken", "comment_author", "comment_held"]),
    header_text,
    max_size=3,
).map(lambda found: "; ".join(f"{name}={value}" for name, value in found.items()))
headers = st.fixed_dictionaries(
    {},
    optional={
        "user-agent": header_text,
        "accept": header_text,
        "accept-language": header_text,
        "accept-encoding": header_text,
        "cookie": cookies,
        "if-none-match": header_text,
        "if-modified-since": header_text,
        "referer": header_text,
        "range": header_text,
        "x-forwarded-for": forwarded_addresses,
        "x-forwarded-proto": header_text,
        "host": st.one_of(st.sampled_from(["testserver", "localhost"]), header_text),
    },
)
