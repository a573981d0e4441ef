"""The clean stage on hand-written inputs: every rule, and what it must leave alone."""

from __future__ import annotations

from newsfuse.clean import clean

BODY = [
    "The city council approved the new budget on Monday after a long debate.",
    "Mayor Jane Doe said the plan would fund two new schools and a bus line.",
    "Opponents argued that the spending would raise property taxes next year.",
    "The vote was seven to four, with two members absent from the session.",
]


def _text(*paras: str) -> str:
    return "\n\n".join(paras)


def test_clean_article_is_left_alone() -> None:
    c = clean(_text(*BODY))
    assert c.paragraphs == tuple(BODY)
    assert c.removed == () and c.repairs == ()


def test_comment_form_and_share_prompts_removed_with_reasons() -> None:
    c = clean(
        _text(
            *BODY,
            "Share this article",
            "Sign up for our daily newsletter",
            "Leave a Comment",
            "Cancel reply",
            "Your email address will not be published.",
        )
    )
    assert c.paragraphs == tuple(BODY)
    assert [r.reason for r in c.removed] == [
        "share-prompt",
        "share-prompt",
        "comment-form",
        "comment-form",
        "comment-form",
    ]


def test_teaser_block_after_heading_removed() -> None:
    c = clean(
        _text(
            *BODY,
            "Related Stories",
            "Celebrity chef opens third restaurant in Paris",
            "Storm warning issued for coastal towns as winds pick up…",
        )
    )
    assert c.paragraphs == tuple(BODY)
    assert {r.reason for r in c.removed} == {"teaser"}
    assert len(c.removed) == 3


def test_trailing_teasers_without_heading_removed() -> None:
    c = clean(
        _text(
            *BODY,
            "Celebrity chef opens third restaurant in Paris",
            "Football club sacks manager after ten straight defeats",
        )
    )
    assert c.paragraphs == tuple(BODY)
    assert [r.detail for r in c.removed] == ["trailing links to other stories"] * 2


def test_related_heading_early_in_text_is_a_subheading() -> None:
    paras = ["Related work", *BODY, *BODY[::-1]]
    c = clean(_text(*paras))
    assert c.paragraphs[0] == "Related work"
    assert not any(r.reason == "teaser" for r in c.removed)


def test_closing_paragraph_about_the_story_is_not_a_teaser() -> None:
    closing = "Council budget vote for the schools and the bus line"
    c = clean(_text(*BODY, closing, "Mayor Jane Doe budget schools"))
    assert closing in c.paragraphs


def test_signature_line_removed_and_named() -> None:
    c = clean(_text(*BODY, "CityNews"))
    assert c.paragraphs == tuple(BODY)
    assert (c.removed[0].reason, c.removed[0].detail) == ("signature", "site signature: City News")


def test_duplicates_are_typography_insensitive_and_keep_best_copy() -> None:
    straight = "He said: 'We will win this fight - whatever it takes' before leaving"
    curly = "He said: ‘We will win this fight – whatever it takes’ before leaving."
    c = clean(_text(BODY[0], straight, BODY[1], curly, BODY[2]))
    assert c.paragraphs == (BODY[0], BODY[1], curly, BODY[2])
    assert c.removed[0].reason == "duplicate" and c.removed[0].text == straight


def test_caption_combining_two_body_paragraphs_is_removed() -> None:
    p1 = "The minister told reporters: ‘We are ready to talk to anyone who wants peace.’"
    p2 = "‘But we will not give up a single village of our land,’ she added firmly."
    caption = (
        "The minister told reporters: 'We are ready to talk to anyone who wants peace. "
        "'But we will not give up a single village of our land,' she added firmly"
    )
    c = clean(_text(BODY[0], caption, BODY[1], p1, p2, BODY[2]))
    assert c.paragraphs == (BODY[0], BODY[1], p1, p2, BODY[2])
    assert c.removed[0].detail.endswith("paragraphs 3, 4")


def test_pull_quote_inside_longer_paragraph_is_removed() -> None:
    long = (
        "Doe, who has led the city since 2019, said that the schools plan would "
        "change how families live here for a generation, and promised more to come."
    )
    pull = "the schools plan would change how families live here for a generation"
    c = clean(_text(BODY[0], long, pull, BODY[1]))
    assert c.paragraphs == (BODY[0], long, BODY[1])


def test_split_word_and_split_sentence_repaired() -> None:
    c = clean(
        _text(
            "The war began in February and has lost momentum. T",
            "he provinces remain contested.",
            "Officials said the talks would continue",
            "until a deal is reached next month.",
        )
    )
    assert c.paragraphs == (
        "The war began in February and has lost momentum. The provinces remain contested.",
        "Officials said the talks would continue until a deal is reached next month.",
    )
    assert [r.kind for r in c.repairs] == ["split-word", "joined-paragraph"]


def test_standalone_short_word_joined_with_space() -> None:
    c = clean(_text("The vote was close. A", "new count is planned."))
    assert c.paragraphs == ("The vote was close. A new count is planned.",)


def test_mojibake_repaired_but_curly_quotes_kept() -> None:
    c = clean("The caf\u00c3\u00a9 owner said \u201cwe are open\u201d on Monday.")
    assert c.paragraphs == ("The café owner said “we are open” on Monday.",)
    assert c.repairs[0].kind == "mojibake"


def test_hard_wrapped_lines_are_joined_and_stray_whitespace_removed() -> None:
    c = clean("The council  approved the budget\non Monday after a debate.\nIt passed 7-4.\n\n\n")
    assert c.paragraphs == (
        "The council approved the budget on Monday after a debate.",
        "It passed 7-4.",
    )


def test_photo_credit_removed() -> None:
    c = clean(_text(BODY[0], "Photo: Jane Smith/Getty Images", BODY[1], "© 2024 Example Media"))
    assert c.paragraphs == (BODY[0], BODY[1])
    assert [r.reason for r in c.removed] == ["credit", "credit"]


def test_follow_prompts_are_removed_as_share_prompts() -> None:
    c = clean(
        _text(
            *BODY,
            "Follow the Valley Courier on Google News for the latest updates.",
            "Stay up to date: follow us on Telegram and WhatsApp.",
        )
    )
    assert c.paragraphs == tuple(BODY)
    assert [r.reason for r in c.removed] == ["share-prompt", "share-prompt"]


def test_author_bio_at_the_end_is_removed_with_its_reason() -> None:
    bio = (
        "Maria Lopez is a senior reporter at the Valley Courier, where she covers city hall "
        "and transport. She previously worked for two regional papers."
    )
    c = clean(_text(*BODY, bio))
    assert c.paragraphs == tuple(BODY)
    assert [(r.reason, r.text) for r in c.removed] == [("author-bio", bio)]


def test_a_story_about_a_reporter_is_not_a_bio() -> None:
    lead = "Maria Lopez is a reporter who was detained at the border on Friday, her editor said."
    c = clean(_text(lead, *BODY))
    assert c.paragraphs[0] == lead and c.removed == ()


# ------------------------------------------------------------------ messy scrapes, hand-made

HEADLINES = [
    "Storm Closes Coastal Road for Second Day",
    "Local bakery wins national bread prize…",
    "Police name driver in harbour crash | Local",
    "Schools reopen after heating repairs - 3 hours ago",
]


def test_read_more_block_in_the_middle_goes_and_the_body_after_it_stays() -> None:
    c = clean(_text(BODY[0], BODY[1], "Read More", *HEADLINES, BODY[2], BODY[3]))
    assert c.paragraphs == tuple(BODY)
    assert [r.detail for r in c.removed] == ["related-stories block"] * 5


def test_most_popular_block_before_trailing_boilerplate_goes() -> None:
    c = clean(_text(*BODY, "MOST POPULAR", *HEADLINES[:3], "Share this article", "Comments"))
    assert c.paragraphs == tuple(BODY)
    assert {r.reason for r in c.removed} == {"teaser", "share-prompt", "comment-form"}


def test_trailing_headlines_about_the_same_topic_go_when_they_read_as_links() -> None:
    # no heading, and words shared with the body: the ellipses, sections and title case say
    # they are links to other stories
    tail = [
        "Council Approves New School Budget After Long Debate",
        "Mayor promises bus line for the east bank…",
        "Property taxes to rise next year, council says | Politics",
    ]
    c = clean(_text(*BODY, *tail))
    assert c.paragraphs == tuple(BODY)
    assert [r.detail for r in c.removed] == ["trailing links to other stories"] * 3


def test_closing_lines_and_embedded_posts_are_not_links() -> None:
    post = "The budget passes at last, a good night for the schools #council"
    byline = "— Jane Doe (@janedoe) March 3, 2023"
    c = clean(_text(*BODY, post, byline))
    assert c.paragraphs == (*BODY, post, byline)


def test_short_caption_repeated_in_other_typography_is_kept_once() -> None:
    straight = "Volunteers clear the 'old' river path"
    curly = "Volunteers clear the ‘old’ river path"
    c = clean(_text(BODY[0], straight, curly, *BODY[1:]))
    assert c.paragraphs == (BODY[0], curly, *BODY[1:])
    assert [(r.reason, r.text) for r in c.removed] == [("duplicate", straight)]


def test_short_lines_repeated_as_written_are_kept() -> None:
    c = clean(_text("Meal 1", BODY[0], "Meal 1", BODY[1], "Oats with river berries", BODY[2],
                    "Oats with river berries", BODY[3]))  # fmt: skip
    assert c.paragraphs.count("Meal 1") == 2 and c.paragraphs.count("Oats with river berries") == 2
