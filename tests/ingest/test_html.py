"""HTML ingestion on small hand-written pages: main text, what is cut around it, metadata."""

from __future__ import annotations

import pytest

from newsfuse.errors import InputError
from newsfuse.ingest.html import extract_main_text, parse_html

# Hand-written article paragraphs, long enough for the extractor to take them as a body.
PARAS = [
    "The city council voted on Tuesday to rebuild the old river bridge, ending a "
    "debate that had divided the town for more than ten years and two elections.",
    "Work will start in the spring and is expected to last eighteen months, the "
    "mayor told reporters outside the town hall after the evening session ended.",
    "Residents who live near the bridge said they welcomed the decision but worried "
    "about traffic on the narrow side streets while the crossing stays closed.",
    "The council will publish the final plans next month and hold two public "
    "meetings before the contract is signed with the building company.",
]


def page(
    body: str,
    *,
    head: str = "",
    title: str = "Council votes to rebuild river bridge",
) -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head>"
        f"<body><header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<main><article>{body}</article></main>"
        f"<footer><p>Copyright Example Media. All rights reserved.</p></footer></body></html>"
    )


def paras(items: list[str] = PARAS) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def blocks(text: str | None) -> list[str]:
    assert text is not None
    return text.split("\n\n")


def test_paragraphs_come_out_separated_by_blank_lines() -> None:
    assert blocks(extract_main_text(page(paras()))) == PARAS


def test_image_caption_and_credit_are_removed() -> None:
    figure = (
        "<figure><img src='bridge.jpg' alt=''>"
        "<figcaption>The old river bridge at dusk, seen from the east bank.</figcaption>"
        "</figure><p class='photo-credit'>Photo: Jane Doe / Example Agency</p>"
    )
    text = extract_main_text(page(paras(PARAS[:2]) + figure + paras(PARAS[2:])))
    assert blocks(text) == PARAS
    assert "dusk" not in str(text) and "Jane Doe" not in str(text)


def test_headline_opening_the_body_is_dropped() -> None:
    text = extract_main_text(page("<h1>Council votes to rebuild river bridge</h1>" + paras()))
    assert blocks(text) == PARAS


def test_deck_repeating_the_description_is_dropped_but_section_headings_stay() -> None:
    deck = "The vote ends a decade of debate over the crossing"
    head = f'<meta name="description" content="{deck}.">'
    body = f"<h2>{deck}</h2>" + paras(PARAS[:2]) + "<h2>What happens next</h2>" + paras(PARAS[2:])
    text = extract_main_text(page(body, head=head))
    assert blocks(text) == [*PARAS[:2], "What happens next", *PARAS[2:]]


def test_label_link_teasers_go_but_short_label_values_stay() -> None:
    teaser = "<p>Read more: <a href='/x'>Mayor promises new parks across the river district</a></p>"
    kept = "<p>Where to buy: <a href='/shop'>Amazon</a></p>"
    text = extract_main_text(page(paras(PARAS[:2]) + teaser + kept + paras(PARAS[2:])))
    assert "Mayor promises" not in str(text)
    assert "Where to buy: Amazon" in blocks(text)


def test_text_split_by_double_breaks_becomes_paragraphs() -> None:
    body = "<div class='content'>" + "<br><br>".join(PARAS) + "</div>"
    assert blocks(extract_main_text(page(body))) == PARAS


def test_article_split_into_same_class_chunks_is_read_whole() -> None:
    body = (
        f"<div class='article-body'>{paras(PARAS[:2])}</div>"
        "<div class='ad-slot'>Advertisement</div>"
        f"<div class='article-body'>{paras(PARAS[2:])}</div>"
    )
    assert blocks(extract_main_text(page(body))) == PARAS


def test_body_split_around_ads_with_an_empty_chunk_is_read_whole() -> None:
    # 25 paragraphs in same-class chunks, each beside an ad slot, one chunk left empty:
    # the extractor alone keeps the first chunk (8 of 25 here)
    story = [
        f"Paragraph {k} says the council weighed the cost of the bridge against the needs "
        "of the people who cross it every day."
        for k in range(25)
    ]
    chunks = [story[0:3], [], story[3:10], story[10:18], story[18:25]]
    body = "".join(
        f"<div class='row'><div class='article-body'>{paras(c)}</div>"
        "<div class='ad-slot'><iframe src='/ad'></iframe></div></div>"
        for c in chunks
    )
    html = (
        "<html><head><title>Bridge</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<div class='wrap'>{body}</div><footer><p>Footer</p></footer></body></html>"
    )
    assert blocks(extract_main_text(html)) == story


def test_chunks_with_other_text_between_them_are_not_reordered() -> None:
    # a list of profiles: a short name chunk, then a long text chunk, with one class
    names = ["Anna Berg", "Tom Keller", "Mia Olsen"]
    text = [p + " " + p for p in PARAS[:3]]
    body = "".join(
        f"<div class='entry-text'><p>{n}</p></div><div class='entry-text'><p>{t}</p></div>"
        for n, t in zip(names, text, strict=True)
    )
    got = blocks(extract_main_text(page(body)))
    assert [g for g in got if g in names] == names
    assert got.index("Tom Keller") < got.index(text[1]) < got.index("Mia Olsen")


def test_body_paragraphs_rich_in_links_are_kept() -> None:
    linked = (
        "<p><a href='/1'>The mayor's statement on the vote</a>, <a href='/2'>the engineers' "
        "report on the old bridge</a>, <a href='/3'>the council's budget for the next five "
        "years</a> and <a href='/4'>the minutes of the meeting</a> <a href='/5'>are all "
        "online</a>.</p>"
    )
    bare = "<div>Officials said the bridge would reopen in the autumn, a year late.</div>"
    text = str(extract_main_text(page(paras(PARAS[:2]) + linked + bare + paras(PARAS[2:]))))
    assert "The mayor's statement on the vote, the engineers' report" in text
    assert "Officials said the bridge would reopen" in text


def test_a_paragraph_that_is_one_link_stays_out() -> None:
    promo = (
        "<p><a href='/subscribe'>Get our premium edition for half the price in the first "
        "year and read every story without limits.</a></p>"
    )
    text = str(extract_main_text(page(paras() + promo)))
    assert "premium edition" not in text


def test_embedded_tweet_text_is_kept() -> None:
    tweet = (
        "<div class='social-embed'><blockquote class='twitter-tweet'>"
        "<p>The new bridge plan is finally approved, a great day for the town.</p>"
        "&mdash; Town Mayor (@mayor) <a href='https://twitter.com/x'>May 2, 2023</a>"
        "</blockquote></div>"
    )
    text = extract_main_text(page(paras(PARAS[:2]) + tweet + paras(PARAS[2:])))
    assert "finally approved" in str(text)


def test_related_link_list_is_removed() -> None:
    related = (
        "<ul><li><a href='/a'>Five things to know about the new bridge plan</a></li>"
        "<li><a href='/b'>Town council elections set for next spring season</a></li></ul>"
    )
    text = extract_main_text(page(paras(PARAS[:3]) + related + paras(PARAS[3:])))
    assert blocks(text) == PARAS


def test_metadata_date_title_and_sitename_from_meta() -> None:
    head = (
        '<meta property="og:site_name" content="Riverside Gazette">'
        '<meta property="og:title" content="Council votes to rebuild river bridge">'
        '<meta property="article:published_time" content="2022-12-20T09:30:00+00:00">'
    )
    doc = parse_html("bridge.html", page(paras(), head=head))
    assert doc.format == "html"
    assert doc.body == "\n\n".join(PARAS)
    assert doc.title == "Council votes to rebuild river bridge"
    assert (doc.date, doc.date_from) == ("2022-12-20", "html-meta")
    assert (doc.source, doc.source_from) == ("Riverside Gazette", "html-meta")


def test_source_falls_back_to_the_url_host() -> None:
    doc = parse_html("bridge.html", page(paras()), url="https://www.riverside.example/news/1")
    assert (doc.source, doc.source_from) == ("riverside.example", "url")
    assert doc.url == "https://www.riverside.example/news/1"
    assert (doc.date, doc.date_from) == (None, "none")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Empty</title></head><body></body></html>",
        page(""),  # navigation and footer only
        "",
    ],
)
def test_page_without_article_text_is_an_input_error(html: str) -> None:
    with pytest.raises(InputError) as info:
        parse_html("empty.html", html)
    assert info.value.path == "empty.html"
    assert "no extractable article text" in info.value.reason


# ----------------------------------------------------------------------- headline and outlet


def test_displayed_headline_wins_over_the_social_title_and_the_site_suffix() -> None:
    head = (
        '<meta property="og:title" content="You will not believe what the council did">'
        '<meta property="og:site_name" content="Riverside Gazette">'
    )
    body = "<h1>Council votes to rebuild the old river bridge</h1>" + paras()
    title = "Council votes to rebuild the old river bridge | Riverside Gazette"
    doc = parse_html("bridge.html", page(body, head=head, title=title))
    assert doc.title == "Council votes to rebuild the old river bridge"
    assert doc.source == "Riverside Gazette"


def test_site_name_and_section_labels_are_cut_from_the_title() -> None:
    head = '<meta property="og:site_name" content="Riverside Gazette">'
    # the only <h1> is the site's logo: not the headline
    body = "<header><h1>Riverside Gazette</h1></header>" + paras()
    title = "Council votes to rebuild bridge | Local | News | Riverside Gazette"
    doc = parse_html("bridge.html", page(body, head=head, title=title))
    assert doc.title == "Council votes to rebuild bridge"


def test_a_tagline_is_cut_to_the_outlet_name() -> None:
    head = '<meta property="og:site_name" content="Riverside Gazette | News for all the valley">'
    doc = parse_html("bridge.html", page(paras(), head=head))
    assert (doc.source, doc.source_from) == ("Riverside Gazette", "html-meta")


def test_outlet_display_name_comes_from_the_title_when_the_site_name_is_a_handle() -> None:
    head = '<meta property="og:site_name" content="rivgazette">'
    doc = parse_html(
        "bridge.html",
        page("<h1>Council votes to rebuild river bridge</h1>" + paras(), head=head,
             title="Council votes to rebuild river bridge - The Riverside Gazette"),
        url="https://www.rivgazette.example/2023/bridge",
    )  # fmt: skip
    assert (doc.source, doc.source_from) == ("The Riverside Gazette", "html-meta")


def test_a_site_name_that_contradicts_the_page_is_not_the_outlet() -> None:
    # a section name in og:site_name, while the host and the <title> name the outlet
    head = '<meta property="og:site_name" content="Local News">'
    doc = parse_html(
        "bridge.html",
        page("<h1>Council votes to rebuild river bridge</h1>" + paras(), head=head,
             title="Council votes to rebuild river bridge - Riverside Gazette"),
        url="https://riversidegazette.example/local/bridge",
    )  # fmt: skip
    assert doc.source == "Riverside Gazette"


def test_follow_prompt_and_author_bio_box_are_not_the_article() -> None:
    from newsfuse.pipeline import prepare

    extra = (
        "<p>Follow the Riverside Gazette on Google News and never miss a story.</p>"
        "<div class='author-bio'><img src='a.jpg' alt=''><p>Sam Reed has written about the "
        "valley's towns and rivers since 2009 and lives on the east bank.</p></div>"
    )
    article = prepare(parse_html("bridge.html", page(paras() + extra)))
    assert list(article.paragraphs) == PARAS
    assert [r.reason for r in article.removed] == ["share-prompt"]


def test_fast_extraction_falls_back_to_the_full_cascade_when_it_looks_deficient() -> None:
    from lxml import etree
    from trafilatura.utils import load_html

    from newsfuse.ingest.html import _deficient

    page_tree = load_html(page(paras()))
    assert _deficient(None, page_tree)  # nothing found
    short = etree.fromstring("<body><p>Too short.</p></body>")
    assert _deficient(short, page_tree)
    whole = etree.fromstring("<body>" + paras() + "</body>")
    assert not _deficient(whole, page_tree)
    half = etree.fromstring("<body>" + paras(PARAS[:1] * 3) + "</body>")
    longer = load_html(page(paras(PARAS * 3)))  # the page holds far more paragraph text
    assert _deficient(half, longer)
