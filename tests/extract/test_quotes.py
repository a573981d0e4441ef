"""Quote extraction on hand-written sentences: every quote style and speaker rule.

The sentences are written for these tests, modelled on the styles the seed articles
show (curly and straight marks, quotes over paragraphs, "he said" after a quote, role
descriptions and bodies as speakers); no seed text is reused.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from newsfuse.annotate.nlp import load_nlp
from newsfuse.extract.quotes import extract_quotes
from newsfuse.extract.quotes_marks import find_quoted
from newsfuse.model import QuoteMention

Extract = Callable[[str], list[QuoteMention]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def quotes(nlp: Language) -> Extract:
    def run(text: str) -> list[QuoteMention]:
        found = extract_quotes(nlp(text))
        for q in found:  # offsets always point into the text
            assert text[q.content.start : q.content.end] == q.content.text
            for span in (q.cue, q.speaker, q.resolved):
                if span is not None:
                    assert text[span.start : span.end] == span.text
        return found

    return run


def only(found: list[QuoteMention], needle: str) -> QuoteMention:
    """The one quote whose content contains ``needle``."""
    hits = [q for q in found if needle in q.content.text]
    assert len(hits) == 1, [q.content.text for q in found]
    return hits[0]


def name(span: object) -> str | None:
    return getattr(span, "text", None)


# --------------------------------------------------------------------------- quote styles


def test_curly_double_quote_with_named_speaker_after(quotes: Extract) -> None:
    text = "“The bridge will reopen in spring,” said 31-year-old engineer Marko Ilic."
    q = only(quotes(text), "bridge")
    assert q.kind == "direct"
    assert q.content.text == "The bridge will reopen in spring,"
    assert name(q.cue) == "said"
    assert "Marko Ilic" in (name(q.speaker) or "")
    assert name(q.resolved) == "Marko Ilic"


def test_straight_double_quote_with_speaker_before(quotes: Extract) -> None:
    text = 'Speaking in Odesa, Governor Anton Brel said: "The port is working again."'
    q = only(quotes(text), "port")
    assert q.kind == "direct"
    assert q.content.text == "The port is working again."
    assert name(q.cue) == "said"
    assert name(q.resolved) == "Anton Brel"


def test_curly_single_quote(quotes: Extract) -> None:
    text = "Deputy Defence Minister Olena Hrab said: ‘The nights are getting shorter.’"
    q = only(quotes(text), "nights")
    assert q.content.text == "The nights are getting shorter."
    assert name(q.resolved) == "Olena Hrab"


def test_straight_single_quote_keeps_apostrophes_inside(quotes: Extract) -> None:
    text = "Senator Mark Hale said: 'We're not leaving, and the voters' patience isn't endless.'"
    q = only(quotes(text), "leaving")
    assert q.content.text == "We're not leaving, and the voters' patience isn't endless."
    assert name(q.resolved) == "Mark Hale"


def test_possessive_apostrophes_open_no_quote(quotes: Extract) -> None:
    text = (
        "The voters' choice was clear in the '90s, and Ukraine’s allies agreed.\n\n"
        "It's the union's view that the workers’ pay must rise."
    )
    assert find_quoted(text) == []
    assert all("'" not in q.content.text[:1] for q in quotes(text))


def test_quote_split_by_its_cue_is_one_quote(quotes: Extract) -> None:
    text = (
        "Mayor Ilona Vasko visited the depot.\n\n“We are ready,” she said, “and we will not wait.”"
    )
    q = only(quotes(text), "ready")
    assert "we will not wait" in q.content.text
    assert name(q.speaker) == "she"
    assert name(q.resolved) == "Ilona Vasko"


def test_multi_paragraph_quote(quotes: Extract) -> None:
    text = (
        "Port director Tomas Brenner said: “The first grain ship leaves on Friday.\n\n"
        "“The second follows next month, if the corridor stays open.”\n\n"
        "The ministry did not comment."
    )
    q = only(quotes(text), "first grain ship")
    assert "The second follows next month" in q.content.text
    assert "\n\n" in q.content.text
    assert q.kind == "direct"
    assert name(q.resolved) == "Tomas Brenner"


def test_unclosed_quote_ends_with_its_paragraph(quotes: Extract) -> None:
    text = (
        "Addressing the brigade, General Ivan Koval said: “Hold the line and the city "
        "will hold with you\n\nThe visit lasted an hour."
    )
    q = only(quotes(text), "Hold the line")
    assert q.content.text.endswith("will hold with you")
    assert "visit" not in q.content.text
    assert name(q.resolved) == "Ivan Koval"


def test_dash_attribution(quotes: Extract) -> None:
    text = "Readers wrote in.\n“He has no plan for the winter.” ― Carla Mendes\n"
    q = only(quotes(text), "winter")
    assert name(q.speaker) == "Carla Mendes"


# --------------------------------------------------------------------------- speakers


def test_pronoun_resolves_across_a_paragraph_break(quotes: Extract) -> None:
    text = (
        "President Andriy Melnyk toured the front on Tuesday.\n\n"
        "Artillery could be heard in the distance.\n\n"
        "“This town is a fortress,” he said, handing out medals to the soldiers."
    )
    q = only(quotes(text), "fortress")
    assert name(q.speaker) == "he"
    assert name(q.resolved) == "Andriy Melnyk"


def test_pronoun_skips_a_person_of_the_other_gender(quotes: Extract) -> None:
    text = "Mr Harlan met Mrs Okafor in Lagos on Monday.\n\n“We signed nothing today,” he said."
    q = only(quotes(text), "signed nothing")
    assert name(q.resolved) == "Harlan"


def test_role_description_resolves_to_the_title_holder(quotes: Extract) -> None:
    text = (
        "The Kremlin said Russian leader Vladimir Putin would meet his generals.\n\n"
        "“The situation is extremely difficult,” the Russian president told officers."
    )
    q = only(quotes(text), "extremely difficult")
    assert name(q.speaker) == "the Russian president"
    assert name(q.resolved) == "Vladimir Putin"


def test_foreign_minister_resolves_to_the_title_holder(quotes: Extract) -> None:
    text = (
        "Ukraine's Foreign Minister Dmytro Kuleba spoke at an online briefing.\n\n"
        "“No decisions were made,” the foreign minister said."
    )
    q = only(quotes(text), "No decisions")
    assert name(q.resolved) == "Dmytro Kuleba"


def test_definite_description_after_a_quote_continues_its_speaker(quotes: Extract) -> None:
    text = (
        "Vladimir Putin addressed the security services.\n\n"
        "“It is hard for you,” he said.\n\n"
        "The former KGB officer added: “Your duty is to protect them.”"
    )
    q = only(quotes(text), "Your duty")
    assert name(q.speaker) == "The former KGB officer"
    assert name(q.resolved) == "Vladimir Putin"


def test_body_as_speaker(quotes: Extract) -> None:
    found = quotes(
        "The Kremlin said the talks would take place in Minsk next week.\n\n"
        "Ukraine's armed forces claimed Russia had lost 90,000 troops since February."
    )
    kremlin = only(found, "Minsk")
    assert kremlin.kind == "indirect"
    assert name(kremlin.resolved) == "Kremlin"
    forces = only(found, "90,000")
    assert name(forces.cue) == "claimed"
    assert name(forces.resolved) == "Ukraine"


def test_office_speaks_for_its_owner(quotes: Extract) -> None:
    text = "Zelensky's office said three civilians were killed in the shelling overnight."
    q = only(quotes(text), "civilians")
    assert q.kind == "indirect"
    assert name(q.resolved) == "Zelensky"


def test_nobody_named_gives_speaker_none(quotes: Extract) -> None:
    text = "“Nobody knows when the power will come back to these streets.”\n\nThe city is dark."
    q = only(quotes(text), "Nobody knows")
    assert q.kind == "direct"
    assert q.speaker is None and q.resolved is None


def test_unnamed_source_is_kept_but_not_resolved(quotes: Extract) -> None:
    text = "The convoy was turned back at the border, a source said."
    q = only(quotes(text), "convoy")
    assert q.kind == "indirect"
    assert name(q.speaker) == "a source"
    assert q.resolved is None


# --------------------------------------------------------------------------- partial, indirect


def test_scare_quotes_and_titles_are_not_quotes(quotes: Extract) -> None:
    text = (
        "Trucks crawled along the ‘road of life’ for weeks as the “special military "
        "operation” dragged on.\n\nIn an interview on “Face the Nation,” the mayor "
        "said the roads were open again."
    )
    found = quotes(text)
    assert all("road of life" not in q.content.text for q in found)
    assert all("special military" not in q.content.text for q in found)
    assert all(q.content.text != "Face the Nation," for q in found)


def test_a_term_someone_uses_is_a_partial_quote_of_theirs(quotes: Extract) -> None:
    text = "Moscow calls the war a “special military operation” and denies any losses."
    q = only(quotes(text), "special military operation")
    assert q.kind == "partial"
    assert name(q.resolved) == "Moscow"


def test_partial_quote_inside_a_reported_clause(quotes: Extract) -> None:
    text = "Governor Pavel Rudko said the situation in the region was ‘extremely difficult’."
    q = only(quotes(text), "extremely difficult")
    assert q.kind == "partial"
    assert name(q.cue) == "said"
    assert name(q.resolved) == "Pavel Rudko"


def test_quoted_phrase_under_a_reporting_verb_is_partial(quotes: Extract) -> None:
    text = "Mayor Lina Orlova described the town as the region's last ‘fortress’ on Monday."
    q = only(quotes(text), "fortress")
    assert q.kind == "partial"
    assert name(q.resolved) == "Lina Orlova"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Defence Secretary Ben Carver told reporters that the losses were heavy.",
            "told",
            "that the losses were heavy",
        ),
        ("Ben Carver said the army had run short of shells.", "said", "the army had run"),
        (
            "Five civilians were killed overnight, according to regional governor Pavlo Lysak.",
            "according to",
            "Five civilians were killed overnight",
        ),
        (
            "Opposition leader Maria Stan claimed the vote had been rigged in three districts.",
            "claimed",
            "the vote had been rigged",
        ),
    ],
)
def test_indirect_forms(quotes: Extract, text: str, cue: str, content: str) -> None:
    q = only(quotes(text), content)
    assert q.kind == "indirect"
    assert name(q.cue) == cue
    assert q.resolved is not None


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Senator Ruth Kalder criticized the new grain tariff on Tuesday.",
            "criticized",
            "the new grain tariff",
        ),
        (
            "Governor Pavel Dunaj called the bridge closure a needless blunder.",
            "called",
            "the bridge closure a needless blunder",
        ),
        (
            "Mayor Irena Kos spoke about the housing shortage at length.",
            "spoke",
            "the housing shortage",
        ),
    ],
)
def test_objects_of_reporting_verbs_are_indirect_quotes(
    quotes: Extract, text: str, cue: str, content: str
) -> None:
    q = only(quotes(text), content)
    assert q.kind == "indirect"
    assert name(q.cue) == cue
    assert q.resolved is not None


def test_a_quoted_term_in_an_object_is_part_of_that_quote(quotes: Extract) -> None:
    text = "The ministry condemned the drills as a ‘provocation’ on Sunday."
    q = only(quotes(text), "provocation")
    assert q.kind == "partial" and q.content.text.startswith("the drills as a ‘provocation’")
    assert name(q.cue) == "condemned" and name(q.speaker) == "The ministry"


def test_a_verbless_lead_in_with_a_colon_names_the_speaker(quotes: Extract) -> None:
    q = only(quotes("Marta Lind: “We will not close the school.”"), "school")
    assert q.kind == "direct"
    assert name(q.resolved) == "Marta Lind"


def test_a_participle_after_said_keeps_the_speaker(quotes: Extract) -> None:
    text = (
        "“The plan is dead,” Senator Tom Veld said, going on to say that the budget “cannot "
        "pass this year.”"
    )
    q = only(quotes(text), "cannot")
    assert name(q.resolved) == "Tom Veld"


def test_who_in_a_second_relative_clause_resolves_to_its_noun(quotes: Extract) -> None:
    text = (
        "The senator rallied for an academic named Eric Kingsley, who is running for "
        'Congress and who worked the crowd, praising "the senator\'s honesty and integrity" '
        "at length."
    )
    q = only(quotes(text), "honesty")
    assert name(q.speaker) == "who"
    assert name(q.resolved) == "Eric Kingsley"


def test_after_saying_the_passive_subject_is_the_speaker(quotes: Extract) -> None:
    text = (
        "Governor Ana Brix arrived late.\n\nAfter saying the talks were “going nowhere,” she "
        "was driven back to the capital."
    )
    q = only(quotes(text), "nowhere")
    assert name(q.speaker) == "she"
    assert name(q.resolved) == "Ana Brix"


@pytest.mark.parametrize(
    ("text", "needle", "speaker"),
    [
        # the parser hangs the subject from the phrase before it and leaves "said" bare
        (
            "In a call with reporters on Jan. 9, Maj. Paul Ostrander, an army spokesman in "
            "Tallinn, said, “A patrol is a combat mission.”",
            "patrol",
            "Paul Ostrander",
        ),
        (
            "In a statement to the Ledger, her campaign manager, Nora Quist, said: “We "
            "expect to win the county.”",
            "county",
            "Nora Quist",
        ),
        (
            "The row had started after Mr. Harlan, asked about the strike, had said, “Our "
            "workers are paid plenty.”",
            "plenty",
            "Harlan",
        ),
        (
            "But Sen. Ruth Okafor (D-Ore.), noting the size of the crowd, said, “They came "
            "for the ideas, not for me.”",
            "ideas",
            "Ruth Okafor",
        ),
        # the verb at the colon, not the reporting verb earlier in the sentence
        (
            "She said that her plan was strong, to which Harlan interjected: “That is just "
            "not true.”",
            "not true",
            "Harlan",
        ),
        # "put it": "it" is the object, the name before the comma the subject
        (
            "As Ruth Okafor, a professor of law at Yale, put it, “The court is the prize.”",
            "prize",
            "Ruth Okafor",
        ),
        # a pronoun of a clause between the quote and its cue is not the speaker
        (
            "Polls show Okafor ahead in Ohio, which she won twice.\n\n“A loss would be "
            "an embarrassment for Ruth Okafor” if she fell short, said Paul Wexler, an analyst "
            "at the Cook Report.",
            "embarrassment",
            "Paul Wexler",
        ),
        # verbs the small model tags as nouns ("read", "affirms")
        (
            "“If she wants the job, the governor should act like it,” the editorial read.\n\n"
            "The paper said more.",
            "act like it",
            "editorial",
        ),
        (
            "Article 12 affirms: “No state shall return a refugee to danger.”",
            "refugee",
            "Article 12",
        ),
        # any verb right after the quote, then a name: an inverted cue
        ("“Voters should stay home,” opined the Lakeside Courier.", "stay home", "Lakeside"),
        ("“What sport is he talking about?” reacted Harlan.", "What sport", "Harlan"),
        # a verb that reports speech only right after a quote
        (
            "“Will he run again?” a staffer in the back of the room wondered.",
            "run again",
            "staffer",
        ),
        # a passive head's subject says what its infinitive says
        (
            "The hearing was so quiet that Mr. Harlan was prompted to say, “I cannot believe "
            "how calm it is.”",
            "calm",
            "Harlan",
        ),
        # "a written statement" is not the cue; "told" is
        (
            "Nora Quist told the Ledger in a written statement, “The county is ours.”",
            "ours",
            "Nora Quist",
        ),
        ("“Turnout will be low,” according to Reuters.", "Turnout", "Reuters"),
        # a headline's "Name: '…'" with the name tagged as a noun
        ("Harlan: 'We will win big.'\n\nTed Harlan celebrated on Tuesday.", "win big", "Harlan"),
        # the fact-check format: the quote, then a line that signs it
        ("“Factories pay no taxes.”\n\n- Harlan.\n\nThat claim is false.", "Factories", "Harlan"),
        # a name after a dash before the colon, not the verb before the dash
        ("Analysts agree - Ruth Okafor: “Turnout decides the race.”", "Turnout", "Ruth Okafor"),
        # "goes on recess" is no phrasal cue; "said" is
        (
            "Sen. Ruth Okafor said that once the Senate goes on recess, “I intend to campaign "
            "wherever I can be helpful.”",
            "campaign",
            "Ruth Okafor",
        ),
        # the parse made the preposition of a fronted phrase the subject
        (
            "Of Harlan, Okafor, who has given money to his rival, said, “He is a decent man, "
            "but he is out of his depth.”",
            "decent",
            "Okafor",
        ),
    ],
)
def test_speakers_the_parse_leaves_out(
    quotes: Extract, text: str, needle: str, speaker: str
) -> None:
    q = only(quotes(text), needle)
    assert q.kind == "direct"
    assert speaker in (name(q.resolved) or name(q.speaker) or "")


def test_a_cueless_quote_continues_the_outer_speaker_not_a_nested_report(
    quotes: Extract,
) -> None:
    text = (
        "“Rates will fall,” said Megan Lowry, chief economist at Fenwick. Lowry added that "
        "the central bank wants to act before the vote. “They will not admit it, but the "
        "timing is political.”"
    )
    q = only(quotes(text), "timing")
    assert name(q.resolved) == "Lowry"


def test_according_to_in_the_next_sentence_is_not_the_quotes_source(quotes: Extract) -> None:
    text = (
        "Her reply was: “Is Fenwick Bros. in Ohio or Iowa?” Fenwick Bros. is a gift shop "
        "that sells glassware, according to its website."
    )
    q = only(quotes(text), "Ohio or Iowa")
    assert name(q.speaker) != "its website"


def test_a_participle_takes_the_person_of_the_clause_just_before_it(quotes: Extract) -> None:
    text = (
        "It was a sharp exchange between the two leaders, as Mrs. Okafor echoed the charge, "
        "saying Mr. Harlan ''cares only about himself'' and little else."
    )
    q = only(quotes(text), "cares only")
    assert name(q.resolved) == "Okafor"


@pytest.mark.parametrize(
    "text",
    [
        "To sell the course, Ted Harlan released a video that said, “Our teachers are the "
        "best in the business.”",
        "But Ted Harlan showed no sign of retreat, releasing a statement that, while "
        "regretting the delay, accused the board of ''wasting everyone's time.''",
    ],
)
def test_a_written_thing_speaks_for_whoever_issued_it(quotes: Extract, text: str) -> None:
    q = max(quotes(text), key=lambda m: m.content.end)
    assert name(q.resolved) == "Ted Harlan"


def test_a_finding_framed_by_a_report_right_after_the_quote_is_the_reporters(
    quotes: Extract,
) -> None:
    text = (
        "Polling shows that “the public is uneasy with the plan,” said Ruth Okafor, an editor "
        "at the Review."
    )
    q = only(quotes(text), "uneasy")
    assert name(q.cue) == "said"
    assert name(q.resolved) == "Ruth Okafor"
