"""Quotes with cue and speaker mention: direct, partial (mixed) and indirect.

Direct quotes come from quote marks (:mod:`newsfuse.extract.quotes_marks`), which
handles apostrophes, unclosed quotes and quotes continued over paragraphs. Each quoted
stretch is then framed by the sentence around it:

* ``“…,” he said`` / ``“…,” said X`` / ``X said: “…”`` / a paragraph ending ``X said:``
  before it -> *direct*, with that cue and speaker;
* ``“A,” he said, “B.”`` -> one direct quote from A to B (what a reader calls the quote);
* a quote standing as its own sentence with no cue, right after another quote -> the same
  speaker (a quote continued over sentences or paragraphs), cue None;
* a quoted phrase inside a sentence governed by a reporting verb (``said the situation
  was “extremely difficult”``) -> *partial*: the reported clause that holds it;
* a short quoted phrase with no reporting verb above it (scare quotes, titles:
  ``the ‘special military operation’``) -> dropped: it is nobody's statement.

Indirect quotes come from the parse: a reporting verb with a clausal complement
("X said (that) …", "X told reporters …", "X claimed …"), a parenthetical cue ("…, a
source said."), "according to X, …", and verbs whose object or prepositional object is
what was said ("criticized the deal", "called climate change a hoax", "spoke about
trade"; the verb lists were chosen by how often PolNeAR's train cues take that object as
content). A verbless lead-in ending in a colon ("Marco Rubio: ‘…’") names the speaker of
the quote after it. Speakers go through
:class:`newsfuse.extract.quotes_speakers.SpeakerIndex`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from newsfuse.extract.doctext import doc_ents, doc_text
from newsfuse.extract.quotes_marks import Quoted, find_quoted
from newsfuse.extract.quotes_speakers import SpeakerIndex, speaker_kind
from newsfuse.model import QuoteMention, Span
from newsfuse.text.lexicon import PERSON_SUBJECT_PRONOUNS, SPEAKER_ROLE_NOUNS
from newsfuse.text.sentences import SENTENCE_END_IN_LINE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

Kind = Literal["direct", "partial", "indirect"]

# Verbs that report speech or writing: they cue direct and indirect quotes.
SPEECH_VERBS = frozenset(
    """
    say tell add claim state announce declare insist argue explain note write report warn
    admit acknowledge deny ask reply respond answer continue conclude recall predict promise
    vow pledge urge allege assert contend maintain stress emphasize emphasise observe remark
    comment confirm reveal tweet post mention indicate complain boast joke quip concede
    estimate caution charge testify suggest agree reiterate repeat proclaim scoff retort
    shout yell whisper lament recount muse counter begin read relay email write demand
    characterize describe exclaim plead scream sing text testify chant
    """.split()
)
# Verbs that report a finding, belief or plan: they cue indirect quotes only.
THOUGHT_VERBS = frozenset(
    """
    believe think show find expect hope fear feel know worry learn reckon doubt
    """.split()
)
# Verbs that report an intention or a demand: their infinitive complement is the content
# ("plans to raise taxes", "urged Congress to act"); indirect quotes only.
INTENT_VERBS = frozenset(
    """
    want plan promise pledge vow seek refuse decline hope agree threaten intend urge ask tell
    encourage propose demand
    """.split()
)
# Verbs whose direct object is what was said or stood for ("criticized the deal", "cited
# his record", "endorsed Clinton"): they cue indirect quotes with the object as content.
# Chosen from PolNeAR train/dev cues where the object is the gold content half the time
# or more.
OBJECT_VERBS = frozenset(
    """
    criticize criticise discuss express declare reject highlight reference note indicate
    stress view back endorse propose offer support demand claim mention oppose defend
    describe acknowledge blast unveil question cite praise condemn slam blame dispute
    deny tout predict recommend reiterate repeat announce accuse applaud decry denounce
    lament emphasize prefer answer explain issue mock tweet name
    """.split()
)
# Verbs whose object is content only with an "as" phrase: "sees Trump as a threat".
AS_VERBS = frozenset("see regard cast refer portray paint characterize".split())
# Verbs whose prepositional object is the content: "spoke about trade", "warned of a
# crisis", "pushed for a vote" (preposition lists as PolNeAR's train cues show them).
PREP_VERBS: dict[str, frozenset[str]] = {
    "talk": frozenset({"about"}), "speak": frozenset({"about", "of"}),
    "ask": frozenset({"for", "about"}), "warn": frozenset({"of", "about", "against"}),
    "worry": frozenset({"about"}), "press": frozenset({"for"}), "push": frozenset({"for"}),
    "rail": frozenset({"against"}), "complain": frozenset({"about"}),
    "touch": frozenset({"on"}), "lash": frozenset({"at"}),
    "argue": frozenset({"for", "against"}), "advocate": frozenset({"for"}),
    "boast": frozenset({"about", "of"}), "brag": frozenset({"about"}),
    "joke": frozenset({"about"}),
}  # fmt: skip
# Prepositions after an object that belong to the content ("cited X as an example").
OBJECT_PREPS = frozenset({"as", "of", "for"})
# Dependency labels of a reporting verb's clausal complement (the reported content).
CONTENT_DEPS = frozenset({"ccomp"})
# Subject dependency labels.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Tokens after a closing mark within which a post-quote cue ("…,” he said) must start;
# long enough for "X, the attorney general of Oklahoma, one of the states suing, said"
# (dev: 8 -> 16 -> 28, speaker accuracy up each time).
POST_CUE_WINDOW = 28
# Dashes that introduce a speaker after a quote: “…” ― Steve Quinlan.
DASH_NAME = re.compile(r"[\s\xa0]*([―—–]|--?)[\s\xa0]*(?=[A-Z])")
PARAGRAPH_BREAK = "\n\n"
# Longest name read after a dash.
MAX_NAME_TOKENS = 5
# Tokens after a close mark within which a name followed by any verb is a cue (“…”
# Vitter demanded): the name makes the verb a report even when it is not a speech verb.
NAMED_VERB_WINDOW = 4
# The same window after a quote that ends its sentence (“… .”) when a capitalised word
# follows: only a short "X said" may attribute it, not a verb in a new sentence.
NEW_SENTENCE_CUE_WINDOW = 6
# Words between two quotes for them to read as one quote split by its attribution
# ("…,” said Donna Brazile, the interim chairwoman of the DNC. “…”).
SPLIT_CUE_MAX = 25
# Longest verbless lead-in before a colon read as a speaker's name ("From the report:").
COLON_NAME_MAX = 6
# Entity labels a colon lead-in may name besides people.
BODY_NAMES = ("ORG", "NORP", "GPE")
# Quote marks that disqualify a context sentence as the frame of a cue-less quote.
QUOTE_CHARS = frozenset('"“”‘’«»')
# Whether a cue-less quote opening a paragraph may take the subject of the previous one.
CONTEXT_PREVIOUS_PARAGRAPH = True
# Words between a quote and the next, cue-less one in the next paragraph for the latter
# to continue the former's speaker.
INHERIT_GAP_WORDS = 12
# ... or one attribution sentence of up to this many words.
INHERIT_SENTENCE_WORDS = 30
# Verbs of a closing attribution that puts a whole sentence in someone's mouth.
REPORT_VERBS = frozenset("say report tell write add note state claim".split())
# Tokens after a cue-less quote within which a subject and its verb attribute it.
ATTRIBUTION_AFTER_WINDOW = 8
# Punctuation that sets off an attribution inside a sentence ("…, Mr. Obama said, …").
ATTRIBUTION_BOUNDS = (",", "—", "–", " -- ")
# Longest quoted phrase, in words, that counts as a scare quote when no verb reports it
# (dev: dropping 1-3 word unreported phrases gained direct-quote precision at no recall).
SCARE_MAX_WORDS = 3
# Nouns for a person that can be told or led to say something ("led the journalist to
# fear …"); roles count too.
PERSON_NOUNS = SPEAKER_ROLE_NOUNS | frozenset(
    "journalist reporter analyst expert woman man voter resident activist critic".split()
)
# A name after a dash, ending a lead-in with a colon: "… - Philip Bump:", "… -More from
# Jones:" (newsletter round-ups).
DASH_COLON_NAME = re.compile(
    r"\s[-–—]\s*(?:More from\s+)?((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*"
    r"(?:\s+and\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)?)\s*:\s*$"
)
# After a cue verb: a few words, then a comma or colon and an opening quote mark.
INTRODUCES_NEXT = re.compile(r"(?:\s+[\w’'.-]+){0,3}\s*[,:]\s*[“‘\"']")
# Speech verbs that only mark aspect when an infinitive follows ("continue to be").
ASPECT_VERBS = frozenset({"continue", "begin", "repeat"})
HE_SHE = tuple(PERSON_SUBJECT_PRONOUNS)  # ("he", "she")
# Present-tense cues the small model tags as plural nouns at a sentence's end.
MISTAGGED_CUES = frozenset(
    """
    says states notes writes adds argues claims read reads affirms warns asks wonders explains
    insists concludes recalls responds replies
    """.split()
)
# Verbs that report speech only right after a quote ("“…?” a staffer wondered").
POST_QUOTE_CUES = frozenset(
    "wonder remember laugh sigh marvel gush fume snap reflect chuckle".split()
)
# Verbs that report speech with a particle after them ("he points out", "she went on").
PHRASAL_CUES: dict[str, str] = {
    "point": "out", "go": "on", "chime": "in", "fire": "back", "shoot": "back",
    "hit": "back", "weigh": "in", "speak": "up", "sum": "up", "lash": "out",
}  # fmt: skip
# Nouns for a written statement: who issued one said what it says.
DOCUMENT_NOUNS = frozenset(
    "statement letter report release memo email note message tweet post video".split()
)
# Steps up the parse from a participle to the verb whose subject it shares.
HEAD_WALK = 4
# Tags of a finite verb, which needs a subject.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Most words of a nickname in quote marks inside a name (Marcia "Cia" Price).
NICKNAME_MAX_WORDS = 3
# Tokens after a verb within which the object of a partial quote must start.
OBJECT_WINDOW = 12
# Verbs that put words in someone's mouth when a quoted phrase completes them ("called
# him a “liar”", "branded it an “outlaw nation”"); they cue partial quotes only.
PHRASE_VERBS = frozenset(
    "call brand label dub liken term hail deride blast slam mock criticize criticise "
    "praise accuse pound admire".split()
)
# Longest quoted phrase, in words, that may be a title of a show, book or programme.
TITLE_MAX_WORDS = 6
# Lower-case words allowed inside a title.
TITLE_SMALL_WORDS = frozenset("a an the of on in to for and or at by with".split())
# Share of an object's characters inside quote marks above which a verb that reports only
# through its object merely names the quoted thing ("rejected “the veto of …”"): the
# object is all quote; a quoted word inside a longer object ("the “disastrous” deal")
# stays the subject's word.
NAMED_OBJECT_SHARE = 0.8
# Fewest tokens of an indirect quote's content: shorter complements are noise.
MIN_INDIRECT_TOKENS = 3
# Fewest tokens of an object content ("criticized the deal").
MIN_OBJECT_TOKENS = 1
# Share of an indirect content's characters inside quote marks above which the direct
# quote already covers it (then the indirect one is not emitted twice).
DIRECT_OVERLAP = 0.5


@dataclass
class _Frame:
    """What the sentence around a quoted stretch says about it."""

    cue: Token | None = None
    speaker: Token | None = None
    cue_text: Span | None = None


def extract_quotes(doc: Doc) -> list[QuoteMention]:
    """Direct, partial and indirect quotes in ``doc`` with their speaker mentions.

    Offsets are character offsets into ``doc.text`` (paragraphs joined by blank
    lines). A quote's ``resolved`` speaker is a named mention in the text, or None when
    the text does not say who spoke; scare quotes are not returned.
    """
    text = doc_text(doc)
    quoted = find_quoted(text)
    index = SpeakerIndex.build(doc, [(q.start, q.end) for q in quoted])
    found: list[tuple[int, QuoteMention, Token | None]] = []
    consumed: set[int] = set()  # quoted stretches folded into a larger quote

    # ---- quote marks
    groups = _split_quote_groups(doc, quoted)
    for group in groups:
        first, last = group[0], group[-1]
        frame = _frame(doc, text, first, last)
        content = Span(first.start, last.end, text[first.start : last.end])
        parts = tuple(Span(q.start, q.end, text[q.start : q.end]) for q in group)
        parts = parts if len(parts) > 1 else ()  # "“A,” he said, “B.”": A and B
        if (frame.cue is not None or frame.cue_text) and _starts_statement(doc, text, first):
            mention = replace(_mention(content, "direct", frame), parts=parts)
            found.append((first.start, mention, frame.speaker))
            consumed.update(id(q) for q in group)
        elif (
            _starts_statement(doc, text, first)
            and (_words(content.text) > SCARE_MAX_WORDS or len(group) > 1)
            and not _looks_like_title(content.text, sentence_ok=False)
        ):
            head = _context_subject(doc, text, first)
            found.append((first.start, QuoteMention(content, "direct", parts=parts), head))
            consumed.update(id(q) for q in group)
    # ---- reporting verbs: indirect quotes, and partial quotes inside their clauses
    for token in doc:
        if not _is_cue(token):
            continue
        if _not_a_report(token):
            continue
        span = _content_of(token)
        if span is None or "\n\n" in span.text or _headless_clause(token):
            continue
        if token.lemma_.lower() in THOUGHT_VERBS and _subject(token) is None:
            continue  # "is believed to", "are expected": nobody in particular
        start, end = span.start_char, span.end_char
        for q in quoted:
            if start < q.open_mark < end < q.after and "\n" not in text[end : q.after]:
                end = q.after  # the parse left the closing mark (and "." before it) outside
        inside = [q for q in quoted if start <= q.open_mark and q.after <= end]
        marked = sum(e - s for q in inside for s, e in q.parts)
        if any(q.start <= start < q.end or q.start < end <= q.end for q in quoted):
            continue  # the clause is (part of) a direct quote, already handled
        if marked > DIRECT_OVERLAP * (end - start) and all(id(q) in consumed for q in inside):
            continue
        if any(id(q) in consumed for q in inside):
            continue
        speaker = _subject(token)
        if speaker is not None and start <= speaker.idx < end and not start <= token.idx < end:
            continue  # the parse put the speaker inside what they said (not "…, X said, …")
        named = marked > NAMED_OBJECT_SHARE * (end - start) or all(
            _is_a_name(text[q.start : q.end]) for q in inside
        )
        if inside and named and _names_only(token):
            continue  # "Congress rejected “President Obama's veto …”": a name, not words
        addressee = token.lemma_.lower() == "tell" and marked > NAMED_OBJECT_SHARE * (end - start)
        if (
            inside
            and addressee
            and all(_looks_like_title(text[q.start : q.end], sentence_ok=False) for q in inside)
        ):
            continue  # "he told “Today.”": the show he told, not what he said
        consumed.update(id(q) for q in inside)
        content = Span(start, end, text[start:end])
        kind: Kind = "partial" if inside else "indirect"
        cue = token
        if inside and token.lemma_.lower() in THOUGHT_VERBS:
            # "Polling shows that “…,” said Sylke Tempel": the report right after the
            # quote, not the finding it is framed as
            framed = _adjacent_report(doc, text, inside[-1])
            if framed is not None and framed.cue is not None:
                cue, speaker = framed.cue, framed.speaker
        mention = QuoteMention(content, kind, _cue_span(cue))
        if speaker is not None and _reported_after(doc, cue, end, speaker):
            # "Clinton pledged to “…,” the Orlando Sentinel reported": two candidates
            speaker = None
        found.append((start, mention, speaker))
    # ---- quoted phrases still unexplained: partial if a reporting verb governs them;
    # several under one verb (called him a "liar," a "bully") make one quote
    by_verb: dict[int, tuple[Token, int, int]] = {}
    for q in quoted:
        if id(q) in consumed or len(q.parts) > 1:
            continue
        verb = _governing_cue(doc, text, q)
        if verb is None or verb.dep_ == "relcl":
            # "The four “loopholes” he cited are “the ability …,” The Hill reported."
            after = _cue_after(doc, text, q)
            if (
                after.cue is not None
                and after.speaker is not None
                and after.cue.i > after.speaker.i
            ):
                verb = after.cue
        if verb is None or _looks_like_title(
            text[q.start : q.end], sentence_ok=not _named_by(doc, q)
        ):
            continue  # a scare quote or title: nobody's statement
        if verb.lemma_.lower() == "tell" and _looks_like_title(
            text[q.start : q.end], sentence_ok=False
        ):
            continue  # "he told “Today.”": the show he told, not what he said
        verb = _outer_cue(verb, _subject(verb))[0]
        start = _object_start(doc, verb, q)
        if any(start < m.content.end and m.content.start < q.end for _, m, _ in found):
            start = q.start  # the object holds a quote already found: the phrase alone
        end = q.end if start == q.start else q.after
        _, s0, e0 = by_verb.get(verb.i, (verb, start, end))
        by_verb[verb.i] = (verb, min(s0, start), max(e0, end))
    for verb, start, end in by_verb.values():
        content = Span(start, end, text[start:end])
        found.append((start, QuoteMention(content, "partial", _cue_span(verb)), _subject(verb)))
    found.sort(key=lambda item: item[0])
    return _resolve(found, index)


def _resolve(
    found: list[tuple[int, QuoteMention, Token | None]], index: SpeakerIndex
) -> list[QuoteMention]:
    """Fill speaker and resolved mentions in text order; cue-less quotes inherit."""
    out: list[QuoteMention] = []
    previous: QuoteMention | None = None
    text = index.text
    for _, mention, head in found:
        cueless = mention.cue is None and mention.kind == "direct"
        if cueless and _attributed_after(index.doc, mention):
            # "“…,” the vice-presidential nominee riffed": an attribution no cue rule read
            # competes with the previous or the context's speaker; say nobody
            out.append(_without_attribution(mention, text))
            continue
        if cueless and previous is not None and previous.speaker is not None:
            gap = text[previous.content.end : mention.content.start]
            if "\n" not in gap.strip() or _only_frame(gap):
                head = None  # a quote continued: the previous speaker's, not the context's
        kind = speaker_kind(head) if head is not None else "speaker"
        if kind == "none" and mention.kind == "indirect":
            continue  # "The timing showed that …", "Emails suggest …": nobody's words
        if kind in ("none", "vague"):
            # "“…,” 27 companies reported", "some said …": a quote, by nobody in particular
            head = None
            if mention.cue is not None:
                out.append(_without_attribution(mention, text))
                continue
        if head is not None:
            prev_resolved = previous.resolved if previous else None
            written, resolved = index.resolve(head, prev_resolved)
            mention = replace(mention, speaker=written, resolved=resolved)
        elif mention.cue is None and mention.kind == "direct" and previous is not None:
            gap = text[previous.content.end : mention.content.start]
            same_para = "\n" not in gap.strip()
            other = not same_para and _names_another(index, previous, mention)
            if previous.speaker is not None and (same_para or _only_frame(gap)) and not other:
                mention = replace(
                    mention, cue=None, speaker=previous.speaker, resolved=previous.resolved
                )
        out.append(_without_attribution(mention, text))
        nested = previous is not None and (
            previous.content.start <= mention.content.start
            and mention.content.end <= previous.content.end
        )
        if mention.speaker is not None and not nested:
            # "Greene added that the Fed wants …": the Fed's report inside Greene's is not
            # the one a following cue-less quote continues
            previous = mention
    return out


def _reported_after(doc: Doc, cue: Token, end: int, speaker: Token) -> bool:
    """Whether the sentence of a reported clause ends with a report of its own by someone
    else (", the Orlando Sentinel reported", ", Ben Carson said Monday"): whose words the
    clause holds is then open between the two."""
    sent = cue.sent
    for t in doc[_token_at(doc, end).i : sent.end]:
        if t.i <= cue.i or not _is_verb_cue(t) or t.lemma_.lower() not in REPORT_VERBS:
            continue
        subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if not subj or subj[0].i == speaker.i or subj[0].idx < end:
            continue
        first = min(subj[0].left_edge.i, t.i)
        between = doc[_token_at(doc, end).i : first]
        # right after the clause, set off by a comma: ", the Sentinel reported"
        return all(x.is_punct or x.is_quote or x.is_space for x in between) and any(
            x.text == "," for x in doc[max(0, first - 2) : first]
        )
    return False


def _attributed_after(doc: Doc, mention: QuoteMention) -> bool:
    """Whether a quote is followed, in its sentence, by a subject and a verb of its own
    ("“…,” Hannity pressed", "“…,” the two write"): someone is said to speak there."""
    after = _token_at(doc, mention.content.end)
    tail = doc[after.i : after.i + ATTRIBUTION_AFTER_WINDOW]
    words = [t for t in tail if not (t.is_punct or t.is_quote or t.is_space)]
    if not tail or not words or "\n" in doc_text(doc)[mention.content.end : words[0].idx]:
        return False
    if tail[0].text not in QUOTE_CHARS and not tail[0].is_punct:
        return False  # the quote runs on into its sentence
    for t in words:
        if t.pos_ in ("VERB", "AUX") and t.tag_ in FINITE_TAGS:
            subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS and c.i > after.i]
            return bool(subj) and all(s.i < t.i for s in subj)
        if t.is_sent_start and t != words[0]:
            break
    return False


def _names_another(index: SpeakerIndex, previous: QuoteMention, mention: QuoteMention) -> bool:
    """Whether someone else is named, outside quote marks, between a quote and a cue-less
    one in a later paragraph ("“…,” said Mr. Burr. / Dashing into a luncheon, Senator
    Capito called over her shoulder, ‘…’"): then the later quote may be theirs, and
    carrying the first speaker over would be a guess."""
    lo, hi = previous.content.end, mention.content.start
    own = (previous.resolved or previous.speaker).text.lower() if previous.speaker else ""
    between = index.doc.char_span(lo, hi, alignment_mode="expand") if hi > lo else None
    for ent in between.ents if between is not None else ():
        if ent.label_ != "PERSON" or index.in_quote(ent.start_char, ent.end_char):
            continue
        if not any(w.lower() in own for w in ent.text.split() if w[:1].isupper()):
            return True
    return False


def _without_attribution(mention: QuoteMention, text: str) -> QuoteMention:
    """The quote cut around an attribution that sits inside its content: "Acts of protest,
    Mr. Obama said, are acts of patriotism" -> the two stretches beside ", Mr. Obama said,"
    (a quote split by its cue already has its quoted parts)."""
    content = mention.content
    inside = [
        s
        for s in (mention.cue, mention.speaker)
        if s is not None and content.start < s.start and s.end < content.end
    ]
    if mention.parts or not inside:
        return mention
    lo, hi = min(s.start for s in inside), max(s.end for s in inside)
    left = max(text.rfind(c, content.start, lo) for c in ATTRIBUTION_BOUNDS)
    right = [i for i in (text.find(c, hi, content.end) for c in ATTRIBUTION_BOUNDS) if i >= 0]
    if left < 0 or not right:
        return mention  # not set off by commas or dashes: leave it whole
    cut_end = min(right) + 1
    before = text[content.start : left].rstrip()
    after = text[cut_end : content.end].lstrip()
    if not before or not after:
        return mention
    a = Span(content.start, content.start + len(before), before)
    b_start = content.end - len(after)
    return replace(mention, parts=(a, Span(b_start, content.end, after)))


def _only_frame(gap: str) -> bool:
    """Whether text between two quotes is only the first one's attribution (a short line)."""
    if len(re.findall(r"\n+", gap.strip())) > 1:
        return False  # more than one paragraph break
    words = len(gap.split())
    if words <= INHERIT_GAP_WORDS:
        return True
    # "“…?” said Murphy, who thinks often about the son's words.\n\n“I mean, …”": one
    # attribution sentence, however long, before the quote goes on
    return (
        words <= INHERIT_SENTENCE_WORDS
        and len(SENTENCE_END_IN_LINE.findall(gap.strip() + " ")) <= 1
    )


# --------------------------------------------------------------------------- direct quotes


def _split_quote_groups(doc: Doc, quoted: list[Quoted]) -> list[list[Quoted]]:
    """Group the quoted stretches of one quote split by its cue.

    “A,” he said, “B.” and “A,” he said. “B.” (B with no cue of its own) are one quote
    to a reader, and one span in PolNeAR's gold; so are “A.” “B.” side by side.
    """
    text = doc_text(doc)
    groups: list[list[Quoted]] = []
    for q in quoted:
        if groups and groups[-1][-1].closed:
            prev = groups[-1][-1]
            gap = text[prev.after : q.open_mark]
            n_words = len(gap.split())
            # "“A.” He added, “B.”" and "“A,” X said. Y responded, “B.”": a cue that opens a
            # new sentence belongs to the quote after it, not to both
            new_sentence = bool(n_words) and (
                (text[prev.end - 1 : prev.end] in (".", "!", "?") and gap.strip()[:1].isupper())
                or bool(SENTENCE_END_IN_LINE.search(gap.rstrip()))
            )
            if (
                "\n" not in gap
                and not new_sentence
                and len(SENTENCE_END_IN_LINE.findall(gap + " ")) <= 1
                and (
                    n_words == 0
                    or (
                        n_words <= SPLIT_CUE_MAX
                        and gap.rstrip().endswith((",", ":", "."))
                        and any(_is_speech_word(doc, prev.after, q.open_mark))
                        and (gap.rstrip()[-1] != "." or _cue_after(doc, text, q).cue is None)
                    )
                )
            ):
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def _is_speech_word(doc: Doc, start: int, end: int) -> list[bool]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX") for t in span]


def _starts_statement(doc: Doc, text: str, q: Quoted) -> bool:
    """Whether a quote opens its sentence, or follows a cue clause ending in ':' or ','."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    before = text[line_start : q.open_mark].rstrip()
    if not before or before.endswith((":", ",", "—", "–", "-")):
        return True
    if SENTENCE_END_IN_LINE.search(before[-4:] + " ") and before[-1] in ".!?":
        return True  # after a full stop the parser missed ("… overhaul. ''It's …''")
    sent_start = _sentence_start(doc, q.open_mark)
    return not text[max(sent_start, line_start) : q.open_mark].strip()


def _sentence_start(doc: Doc, pos: int) -> int:
    """Start offset of the sentence holding the token at (or last before) ``pos``."""
    return int(_token_at(doc, pos).sent.start_char)


def _token_at(doc: Doc, pos: int) -> Token:
    lo, hi = 0, len(doc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc[mid].idx <= pos:
            lo = mid
        else:
            hi = mid - 1
    return doc[lo]


def _frame(doc: Doc, text: str, first: Quoted, last: Quoted) -> _Frame:
    """The cue and speaker around a quote: after it ("…,” he said) or before it."""
    for q in (first, last):
        after = _cue_after(doc, text, q)
        if after.cue is not None and INTRODUCES_NEXT.match(text, after.cue.idx + len(after.cue)):
            # "“Why now?” Mills then writes back, “You look cute.”": the cue opens the next
            # quote; this one keeps the cue before it, if it has one
            before = _cue_before(doc, text, first)
            if before.cue is not None or before.cue_text is not None:
                return before
        if after.cue is not None or after.cue_text is not None:
            return after
    signed = _signature_after(doc, text, last)
    if signed.speaker is not None:
        return signed
    before = _cue_before(doc, text, first)
    if before.cue is not None or before.cue_text is not None:
        return before
    return _Frame()


def _adjacent_report(doc: Doc, text: str, q: Quoted) -> _Frame | None:
    """A speech verb and its speaker right after a quote's closing mark (", said X", ",
    X said"), or None."""
    after = _cue_after(doc, text, q)
    if after.cue is None or after.speaker is None or not _is_verb_cue(after.cue):
        return None
    first = min(after.cue.idx, after.speaker.idx)
    return after if not text[q.after : first].strip(" ,\xa0") else None


def _signature_after(doc: Doc, text: str, q: Quoted) -> _Frame:
    """A quote that ends its paragraph, signed on the next line: "“…” / - Sanders." (the
    fact-check and "quotable" formats); the dash is the cue."""
    if not q.closed:
        return _Frame()
    para_end = text.find("\n", q.after)
    if para_end < 0 or text[q.after : para_end].strip(" .,\xa0"):
        return _Frame()
    line = para_end
    while line < len(text) and text[line] in "\n \xa0":
        line += 1
    if line - para_end > len(PARAGRAPH_BREAK) + 2:
        return _Frame()
    line_end = text.find("\n", line)
    line_end = len(text) if line_end < 0 else line_end
    sign = DASH_NAME.match(text, line, line_end)
    if sign is None:
        return _Frame()
    name = _name_run(doc, sign.end(), line_end)
    if name is None:
        return _Frame()
    return _Frame(None, name, Span(sign.start(1), sign.end(1), sign.group(1)))


def _cue_after(doc: Doc, text: str, q: Quoted) -> _Frame:
    """``“…,” he said`` / ``“…,” said X`` / ``“…” ― X``: a cue just after the close mark."""
    if not q.closed:
        return _Frame()
    line_end = text.find("\n", q.after)
    line_end = len(text) if line_end < 0 else line_end
    tail = doc.char_span(q.after, line_end, alignment_mode="contract")
    if tail is None or not len(tail):
        return _Frame()
    dash = DASH_NAME.match(text, q.after, line_end)
    if dash is not None:
        # "“…” ― Steve Quinlan": the name after a dash is the speaker, the dash the cue
        name = _name_run(doc, dash.end(), line_end)
        if name is not None:
            cue = Span(dash.start(1), dash.end(1), dash.group(1))
            return _Frame(None, name, cue)
    # “… .” Trump was defensive when … an architect who said: a new sentence, not a cue
    window = POST_CUE_WINDOW
    new_sentence = text[q.start : q.end].rstrip().endswith(".") and tail[0].is_title
    if new_sentence:
        window = NEW_SENTENCE_CUE_WINDOW
    skip_to = -1
    for k, t in enumerate(tail):
        if k <= skip_to:
            continue
        if k < window and t.text in ("“", "‘", '"'):
            skip_to = _nickname_end(tail, k)  # Marcia "Cia" Price shouted
            if skip_to > k:
                continue
        if k >= window or t.text in ("“", "‘", '"'):
            break
        if t.text in (".", "!", "?") and k > 0:
            break
        according = t.lower_ == "according" and k + 1 < len(tail) and tail[k + 1].lower_ == "to"
        if according and all(p.is_punct for p in tail[:k]):
            return _Frame(t, _subject(t))  # "“…,” according to CNN."
        ends_clause = t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in (".", ",")
        named_verb = t.pos_ == "VERB" and k <= NAMED_VERB_WINDOW and _name_between(tail[0], t)
        if not named_verb and t.pos_ == "VERB" and k <= NAMED_VERB_WINDOW:
            # "“…,” an angry Hollande retaliated.": a person's verb that ends the sentence
            who = _subject(t)
            named_verb = (
                ends_clause
                and who is not None
                and q.after <= who.idx < t.idx
                and (who.ent_type_ == "PERSON" or who.pos_ == "PROPN" or who.lower_ in HE_SHE)
            )
        cue_verb = _is_verb_cue(t) or _phrasal_cue(t)
        if k == 0 and not new_sentence and t.pos_ == "VERB" and t.tag_ in FINITE_TAGS:
            # "“…,” opined Cleveland's Plain Dealer", "“…?” reacted Trump": any verb right
            # after the quote with a name after it is an inverted cue
            after = _noun_after(t)
            cue_verb = cue_verb or (
                after is not None and after.pos_ == "PROPN" and after.i <= t.i + 4
            )
        post_quote = k <= NAMED_VERB_WINDOW or ends_clause  # "“…?” a staffer in the room wondered."
        if t.pos_ == "VERB" and t.lemma_.lower() in POST_QUOTE_CUES and post_quote:
            cue_verb = True
        if cue_verb and k > 0 and tail[k - 1].pos_ == "CCONJ":
            break  # "“…” and vowing to compete …": the sentence goes on, no attribution
        mistagged = t.pos_ == "NOUN" and t.lower_ in MISTAGGED_CUES and k > 0
        if not named_verb and mistagged and ends_clause:
            # "“…,” a voice-over in the ad states.": the verb tagged as a plural noun
            noun = _noun_between(tail[0], t)
            if noun is None and tail[k - 1].pos_ in ("ADJ", "NOUN", "PROPN"):
                noun = tail[k - 1]  # "the editorial read", "editorial" tagged an adjective
            return _Frame(t, noun)
        if cue_verb or named_verb:
            if new_sentence and any(
                c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > t.i for c in t.children
            ):
                break  # "“….” He also said Trump's evolution …": a report of its own
            subj = _subject(t)
            inherited = t.tag_ == "VBG" and t.dep_ in ("advcl", "conj", "xcomp")
            if subj is not None and (
                (q.open_mark <= subj.idx < q.after)
                or (subj.idx < q.open_mark and not inherited)
                or subj.i > t.i + 2 * POST_CUE_WINDOW
            ):
                # a subject inside the quote is a parse error; one before it is only the
                # speaker of a participle ("X said: “…,” adding that …")
                subj = None
            between = _noun_between(tail[0], t)
            if (
                subj is not None
                and subj.i > t.i
                and between is not None
                and (between.pos_ in ("PROPN", "PRON") or between.ent_type_ == "PERSON")
                # not the subject of a clause of its own ("if she didn't win …, said X")
                and not (between.dep_ == "nsubj" and between.head != t)
            ):
                # "“…,” Flynn, a top surrogate, said Thursday on Fox News": the name
                # before the verb, not a noun the parser made its subject after it
                subj = between
            if subj is None:
                subj = between or _noun_after(t)
            return _Frame(t, subj)
    return _Frame()


def _phrasal_cue(t: Token) -> bool:
    """A reporting verb written with a particle: "he points out", "she went on", "chimed
    in", "fired back"."""
    particle = PHRASAL_CUES.get(t.lemma_.lower())
    return (
        particle is not None
        and t.pos_ == "VERB"
        and any(
            c.lower_ == particle
            and c.dep_ in ("prt", "prep", "advmod")
            and not any(g.dep_ == "pobj" for g in c.children)  # "goes on recess"
            for c in t.children
        )
    )


def _nickname_end(tail: SpacySpan, k: int) -> int:
    """The index of the mark closing a short quoted name that opens at ``tail[k]``
    (Marcia "Cia" Price, wearing “Ted Cruz” pins), or -1 when it opens anything else."""
    for j in range(k + 1, min(k + 1 + NICKNAME_MAX_WORDS + 1, len(tail))):
        t = tail[j]
        if t.text in ("”", "’", '"', "'"):
            return j if j > k + 1 else -1
        if not t.is_title:
            return -1
    return -1


def _context_subject(doc: Doc, text: str, q: Quoted) -> Token | None:
    """The person a cue-less quote follows in its paragraph: "Sanders identified … as one
    of the reasons. “The younger people are …”" is Sanders's (the subject of the sentence
    just before, when that sentence holds no quote of its own)."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    if CONTEXT_PREVIOUS_PARAGRAPH and not text[line_start : q.open_mark].strip():
        prev_end = text.rfind("\n\n", 0, line_start)
        if prev_end < 0:
            return None
        line_start = text.rfind("\n", 0, prev_end) + 1
        before_end = prev_end
    else:
        before_end = q.open_mark
    if line_start >= before_end:
        return None
    token = _token_at(doc, max(line_start, before_end - 1))
    while token.i > 0 and (token.is_space or token.is_punct) and token.idx > line_start:
        token = doc[token.i - 1]
    sent = token.sent
    if sent.start_char < line_start or _holds_statement(sent.text):
        return None
    subj = _subject(sent.root)
    if subj is None:
        return None
    if subj.ent_type_ == "PERSON" or subj.lower_ in (*HE_SHE, "i"):
        return subj
    if subj.lemma_.lower() in PERSON_NOUNS and any(c.lower_ == "the" for c in subj.lefts):
        return subj  # "… and the judge interrupted me. “Explain to me why …”"
    return None


def _holds_statement(text: str) -> bool:
    """Whether a sentence quotes more than a name or a scare phrase ("On “Face the Nation,”
    Sanders identified …" holds none; it leads into the quote after it)."""
    if not any(c in QUOTE_CHARS for c in text):
        return False
    quoted = find_quoted(text)
    return not quoted or any(_words(text[q.start : q.end]) > SCARE_MAX_WORDS for q in quoted)


def _outer_cue(cue: Token, subj: Token | None) -> tuple[Token, Token | None]:
    """The reporting verb a cue is itself reported by: "Lynch said she recalled thinking, “…”"
    is Lynch's quote, said the way she tells it (and PolNeAR's gold agrees)."""
    text = doc_text(cue.doc)
    while cue.dep_ in ("ccomp", "xcomp") and _is_verb_cue(cue.head) and cue.head.i < cue.i:
        lo, hi = sorted((cue.idx, cue.head.idx))
        if "\n" in text[lo:hi]:
            break  # a parse that runs across paragraphs
        outer = _subject(cue.head)
        if outer is None:
            break
        cue, subj = cue.head, outer
    return cue, subj


def _name_run(doc: Doc, start: int, end: int) -> Token | None:
    """The last token of the run of proper nouns that begins at ``start`` (or None)."""
    first = _token_at(doc, start)
    if first.idx + len(first) <= start:
        first = doc[first.i + 1] if first.i + 1 < len(doc) else first
    last = None
    for t in doc[first.i : first.i + MAX_NAME_TOKENS]:
        if t.idx >= end or not (t.pos_ == "PROPN" or t.ent_type_ == "PERSON" or t.is_title):
            break
        last = t
    return last


def _name_between(first: Token, verb: Token) -> bool:
    """Whether the tokens from ``first`` up to ``verb`` are a name (“…” Vitter demanded)."""
    between = first.doc[first.i : verb.i]
    return (
        bool(len(between))
        and all(t.pos_ == "PROPN" or t.is_punct or t.ent_type_ == "PERSON" for t in between)
        and any(t.pos_ == "PROPN" for t in between)
    )


def _noun_between(first: Token, verb: Token) -> Token | None:
    """The head of the first noun phrase from ``first`` up to ``verb`` (exclusive)."""
    for t in first.doc[first.i : verb.i]:
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            while t.head.i < verb.i and t.head.i > t.i and t.head.pos_ in ("PROPN", "NOUN"):
                t = t.head
            return t
    return None


def _cue_before(doc: Doc, text: str, q: Quoted) -> _Frame:
    """``X said: “…”`` (also when "X said:" ends the previous paragraph), ``According to X,``."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    head_text = text[line_start : q.open_mark]
    if head_text.strip():
        ends = list(SENTENCE_END_IN_LINE.finditer(text, line_start, q.open_mark))
        lo = ends[-1].end() if ends else line_start
        span = doc.char_span(lo, q.open_mark, alignment_mode="contract")
    else:
        prev_end = text.rfind("\n\n", 0, line_start)
        if prev_end < 0 or not text[:prev_end].rstrip().endswith(":"):
            return _Frame()
        prev_start = text.rfind("\n", 0, prev_end) + 1
        span = doc.char_span(prev_start, prev_end, alignment_mode="contract")
    if span is None:
        return _Frame()
    dash_name = DASH_COLON_NAME.search(span.text)
    if dash_name is not None:
        # "The interplay has been important for Republican contests - Philip Bump: “…”",
        # "Pollsters agree - Carl Bialik: “…”": the name before the colon, not the verb
        first_word = _token_at(doc, span.start_char + dash_name.start(1))
        last = _token_at(doc, span.start_char + dash_name.end(1) - 1)
        if first_word.pos_ == "PROPN" or first_word.ent_type_:
            return _Frame(None, last, Span(span.end_char - 1, span.end_char, ":"))
    words = [t for t in span if not t.is_space]
    if len(words) >= 2 and words[-1].text == ":" and words[-2].pos_ == "VERB":
        # "She said …, to which O'Malley interjected: “…”": the verb at the colon
        subj = _subject(words[-2])
        if subj is not None and _person_like(subj):
            return _Frame(words[-2], subj)
    for t in reversed(span):
        if t.dep_ == "amod":
            continue  # "told the Post in a written statement, “…”": an adjective
        put_it = t.lemma_ == "put" and any(c.lower_ == "it" for c in t.children)
        reading = t.lower_ == "reading" and t.head.pos_ == "NOUN"
        if _is_verb_cue(t) or put_it or reading or _phrasal_cue(t):
            subj = _subject(t)
            if subj is not None and subj.idx >= q.open_mark:
                subj = None  # the parser took a word of the quote for the subject
            if put_it and subj is not None and subj.lower_ == "it":
                # "As Akhil Amar, professor …, put it, “…”": "it" is the object
                subj = _orphan_subject(t, ignore=subj)
            if subj is None and t.lower_ == "reading":
                subj = _subject(t.head.head) if t.head.head.pos_ == "VERB" else None
            # "Said Ellis: “…”" (not a participle: "…, telling the crowd, “…”")
            inverted = t.tag_ != "VBG" and (t.i == t.sent.start or doc[t.i - 1].is_punct)
            if subj is None and inverted:
                after = _noun_after(t)  # "Said Ellis: “…”"
                subj = after if after is not None and after.idx < q.open_mark else None
            if subj is None and t.tag_ == "VBG":
                continue  # "his memo to employees explaining the deal, “…”": look further back
            t, subj = _outer_cue(t, subj)
            return _Frame(t, subj)
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            return _Frame(t, _subject(t))
    words = [t for t in span if not t.is_space]
    if len(words) >= 3 and words[-2].dep_ == "prt":
        words = words[:-2] + words[-1:]  # "Hillary shot back, “…”"
    if len(words) >= 2 and words[-1].text == "," and words[-2].pos_ == "VERB":
        # "Mrs. Clinton … then boomed, “…”": a person's verb right before the quote
        verb = words[-2]
        subj = _subject(verb)
        if subj is not None and (subj.ent_type_ == "PERSON" or subj.lower_ in HE_SHE):
            return _Frame(verb, subj)
    if span.text.rstrip().endswith((":", "--", "—", "–")):
        # "Sen. Claire McCaskill scolded him: “…”": a colon makes any verb a cue, and so
        # does a dash ("Trump also embraced enhanced interrogation -- “I think …”")
        verbs = [
            t
            for t in span
            if t.dep_ == "ROOT" and (t.pos_ in ("VERB", "AUX") or t.lower_ in MISTAGGED_CUES)
        ]
        if not verbs:
            # "Biden was quick to retort:": the parse's root lies inside the quote
            verbs = [
                t
                for t in span
                if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in t.children)
            ][:1]
        subj = _subject(verbs[-1]) if verbs else None
        if verbs and subj is not None and subj.pos_ in ("PROPN", "PRON", "NOUN"):
            return _Frame(verbs[-1], subj)
        if not verbs:
            # "Marco Rubio: ‘…’", "From the report: “…”": the name before the colon
            name = _colon_name(span)
            if name is not None:
                return _Frame(None, name, Span(span.end_char - 1, span.end_char, ":"))
    return _Frame()


def _colon_name(span: SpacySpan) -> Token | None:
    """The noun a verbless lead-in ending in a colon names: "Marco Rubio:" -> Rubio."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > COLON_NAME_MAX:
        return None
    root = span.root
    if root.pos_ == "ADP":
        root = next((c for c in root.children if c.dep_ == "pobj"), root)
    named = root.ent_type_ in ("PERSON", *BODY_NAMES) or root.pos_ == "PROPN"
    if not named and root.is_title and len(words) <= 2 and all(t.is_title for t in words):
        # a headline's "Trump: ‘…’" with the name tagged as a noun: a known person's name
        named = any(
            e.label_ == "PERSON" and root.lower_ in e.text.lower() for e in doc_ents(span.doc)
        )
    if named or (root.pos_ == "NOUN" and any(t.lower_ == "the" for t in root.lefts)):
        return root
    return None


# --------------------------------------------------------------------------- indirect quotes


def _is_verb_cue(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def _is_cue(token: Token, *, objects: bool = True) -> bool:
    """Whether ``token`` reports speech, thought or intent; ``objects`` also counts the
    verbs that report only through their object ("criticized the deal"), which do not
    make a quoted phrase below them anyone's words ("condemned it as a “grave threat”")."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return True
    if lemma == "call" and token.pos_ == "VERB":
        deps = {c.dep_ for c in token.children}
        named = "dobj" in deps and "oprd" in deps  # "called climate change a hoax"
        return named or any(
            c.lower_ in ("for", "on") and c.dep_ in ("prep", "prt") for c in token.children
        )
    if lemma == "point" and token.pos_ == "VERB":
        return any(c.lower_ == "out" and c.dep_ == "prt" for c in token.children)
    if token.pos_ != "VERB":
        return False
    if lemma in ASPECT_VERBS and any(c.dep_ == "xcomp" for c in token.children):
        return False  # "he's certain Rubio will continue to be …": not a report
    if lemma in SPEECH_VERBS or lemma in THOUGHT_VERBS or lemma in INTENT_VERBS:
        return True
    return objects and (lemma in OBJECT_VERBS or lemma in AS_VERBS or lemma in PREP_VERBS)


def _content_of(token: Token) -> SpacySpan | None:
    """The reported clause of a cue: its complement, or the rest of the sentence."""
    doc = token.doc
    sent = token.sent
    if token.lower_ == "according":
        pp = doc[token.left_edge.i : token.right_edge.i + 1]
        before = doc[sent.start : pp.start]
        after = doc[pp.end : sent.end]
        part = after if len(after) >= len(before) else before
        return _trim(part)
    for child in token.children:
        if child.dep_ in CONTENT_DEPS:
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            if len(span) >= MIN_INDIRECT_TOKENS:
                return _trim(span)
    if token.lemma_ == "call":
        # "called climate change a hoax": the object and what it was called
        obj = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        oprd = [c for c in token.children if c.dep_ == "oprd" and obj and c.i > obj[0].i]
        if obj and oprd and _subject(token) is not None:
            return _trim(doc[obj[0].left_edge.i : oprd[-1].right_edge.i + 1])
        # "called for the ratification of…", "called on police to release the videos"
        for child in token.children:
            if child.dep_ in ("prep", "prt") and child.lower_ in ("for", "on"):
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                xcomp = [c for c in token.children if c.dep_ == "xcomp" and c.i > child.i]
                if objs:
                    last = xcomp[0].right_edge.i if xcomp else objs[0].right_edge.i
                    return _trim(doc[objs[0].left_edge.i : last + 1])
    if token.lemma_.lower() in INTENT_VERBS:
        # "plans to call on young people…", "urged North Korea to resume talks"
        for child in token.children:
            if child.dep_ == "xcomp" and child.i > token.i:
                obj = [c for c in token.children if c.dep_ == "dobj" and c.i < child.i]
                first = obj[0].left_edge.i if obj else child.left_edge.i
                span = doc[first : child.right_edge.i + 1]
                if len(span) >= MIN_INDIRECT_TOKENS:
                    return _trim(span)
    lemma = token.lemma_.lower()
    if lemma in PREP_VERBS and _subject(token) is not None:
        for c in token.children:
            if c.dep_ == "prep" and c.i > token.i and c.lower_ in PREP_VERBS[lemma]:
                objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                if objs:
                    return _trim(doc[objs[0].left_edge.i : objs[0].right_edge.i + 1], 1)
    as_phrase = lemma in AS_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in token.children
    )
    if (lemma in OBJECT_VERBS or as_phrase) and _subject(token) is not None:
        objs = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        if objs:
            last = objs[0].right_edge.i
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and c.i == last + 1:
                    last = c.right_edge.i
            span = doc[objs[0].left_edge.i : last + 1]
            if len(span) >= MIN_OBJECT_TOKENS:
                return _trim(span, MIN_OBJECT_TOKENS)
    words = [t.i for t in token.subtree if not t.is_punct]
    left, right = min(words), max(words)
    head = token.head
    if (
        token.dep_ in ("advcl", "parataxis")
        and head.i > right + 1
        and doc[right + 1].text == ","
        and _subject(token) is not None
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children)
    ):
        # "After 300 days of war, the Ministry of Defense tweeted, Ukraine has liberated …"
        span = doc[right + 2 : head.right_edge.i + 1]
        if len(span) >= MIN_INDIRECT_TOKENS:
            return _trim(span)
    if (
        token.dep_ in ("parataxis", "ccomp", "advcl")
        and _subject(token) is not None
        and left > sent.start
        and doc[left - 1].text == ","
    ):
        # "…, sources said." / "Acts of protest, Mr. Obama said, are acts of patriotism."
        # parsed with the reported clause as head: the sentence around the cue clause
        before = doc[sent.start : left - 1]
        if right + 1 < sent.end and doc[right + 1].text == "," and len(before) < len(sent) / 2:
            span = doc[sent.start : sent.end]  # a cue in the middle: the whole sentence
        else:
            span = before
        if len(span) >= MIN_INDIRECT_TOKENS:
            return _trim(span)
    return None


def _is_a_name(quoted: str) -> bool:
    """Whether a quoted phrase is the name of a thing ("the Justice Against Sponsors of
    Terrorism Act"): every word capitalised but the small ones, at least two of them."""
    words = [w.strip(".,;:!?") for w in quoted.split()]
    words = [w for w in words if w]
    capitals = [w for w in words if w[0].isupper()]
    return len(capitals) >= 2 and all(w[0].isupper() or w in TITLE_SMALL_WORDS for w in words)


def _names_only(cue: Token) -> bool:
    """Whether a cue reports only through its object ("rejected", "backed", "cited"), so
    that a quoted object names a thing (a bill, a veto, a slogan) rather than quoting the
    subject's words; speech verbs ("said", "called for") report words."""
    lemma = cue.lemma_.lower()
    if lemma in SPEECH_VERBS or lemma in THOUGHT_VERBS or lemma in INTENT_VERBS:
        return False
    return cue.lower_ != "according"


def _not_a_report(cue: Token) -> bool:
    """Whether a cue verb reports nothing: negated ("It didn't say what portion …"), an
    infinitive under a verb that is no cue ("the expression Moscow uses to describe its
    invasion"), or an object verb whose subject is a thing ("a road that offers Moscow a
    route")."""
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    if any(c.dep_ in CONTENT_DEPS for c in cue.children) or cue.lower_ == "according":
        return False
    lemma = cue.lemma_.lower()
    if cue.dep_ == "xcomp" and lemma not in INTENT_VERBS and not _is_cue(cue.head):
        return True
    if lemma in INTENT_VERBS or lemma in SPEECH_VERBS:
        return False
    subj = _subject(cue)
    if subj is not None and subj.lower_ in ("that", "which") and subj.head.dep_ == "relcl":
        noun = subj.head.head
        return noun.pos_ == "NOUN" and not noun.ent_type_ and noun.lemma_ not in PERSON_NOUNS
    return False


def _headless_clause(cue: Token) -> bool:
    """Whether a relative-clause cue's complement lacks a subject: "The loopholes he cited
    are “…,” The Hill reported" (the parser hung the main clause from "cited")."""
    if cue.dep_ != "relcl":
        return False
    for child in cue.children:
        if child.dep_ == "ccomp" and child.i > cue.i:
            deps = {c.dep_ for c in child.children}
            return not deps & {"nsubj", "nsubjpass", "expl", "csubj"}
    return False


def _trim(span: SpacySpan, minimum: int = MIN_INDIRECT_TOKENS) -> SpacySpan | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in ("”", "’", '"', "'", "?", "!"):
            break
        end -= 1
    if end - start < minimum:
        return None
    return doc[start:end]


def _subject(token: Token, *, passive: bool = False, agent: bool = True) -> Token | None:
    """The speaker head of a cue: its subject, the pobj of "according to", or inherited.

    A passive subject is never the speaker of its own verb ("was told"), but it is of a
    clause hanging from it ("after saying…, she was whisked off"): ``passive`` allows it.
    ``agent`` allows the agent of a passive ("was announced by the Kremlin").
    """
    if token.lower_ == "according":
        for child in token.children:
            if child.lower_ == "to":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    doc = token.doc
    text = doc_text(doc)
    participle = token.dep_ == "advcl" and token.tag_ == "VBG" and token.i >= 2
    if participle and doc[token.i - 1].text == ",":
        # "Sanders said, going on to say …": the participle continues the cue before it
        before = doc[token.i - 2]
        if _is_verb_cue(before):
            subj = _subject(before)
            if subj is not None:
                return subj
        # "It was a potent punch, as Mrs. Clinton echoed the criticism, saying …": the
        # clause just before the participle, when its subject is a person's name
        siblings = [c for c in token.head.children if c.dep_ == "advcl" and c.i < token.i]
        if siblings:
            near = _subject(siblings[-1])
            if near is not None and near.ent_type_ == "PERSON" and near.i > token.head.i:
                return near
    subjects = []
    for child in token.children:
        lo, hi = sorted((child.idx, token.idx))
        if "\n" in text[lo:hi]:
            continue  # a parse across a line break ("5:45 p.m.\n\nX is calling…")
        is_subject = child.dep_ == "nsubj" or (passive and child.dep_ == "nsubjpass")
        if is_subject and not child.is_punct:
            subjects.append(child)  # "who" in a relative clause: resolved through its noun
    if subjects:
        # two subjects is a parse error ("― Trump boasted"): the one next to the verb
        subj = min(subjects, key=lambda c: abs(c.i - token.i))
        if subj.pos_ == "ADP":
            # "Of Carson, Levine, who …, said": the parse made the preposition the subject
            objs = [c for c in subj.children if c.dep_ == "pobj"]
            if objs:
                # the name after "Of Carson," may hang from Carson as its apposition
                names = [c for c in objs[-1].children if c.dep_ == "appos" and c.pos_ == "PROPN"]
                return names[0] if names else objs[-1]
            # ("Al From said": a name that is a preposition stays the subject)
        return _past_dateline(subj)
    for child in token.children:
        if agent and child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if token.dep_ == "acl" and (token.head.pos_ == "PROPN" or token.head.ent_type_ == "PERSON"):
        return token.head  # "footage of Hillary Clinton asking, “…”"
    if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ == "NOUN":
        # "showed the group's leader, Yevgeny Prigozhin, standing … and saying …"
        noun = token.head
        if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.dep_ == "dobj":
            # "His office put out a statement saying …": the statement's author
            return _subject(noun.head)
        names = [c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if names:
            return names[0]
        if noun.lemma_.lower() in PERSON_NOUNS:
            return noun
    if token.tag_ == "VBG" and token.i > 0:
        prev = doc[token.i - 1]
        if prev.ent_type_ == "PERSON" and prev.dep_ in ("pobj", "dobj", "appos", "compound"):
            return prev  # the same, parsed as the object's verb ("uses footage of X asking")
    if token.dep_ == "xcomp" and token.head.pos_ == "VERB":
        objs = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
        if objs and objs[0].pos_ in ("PROPN", "NOUN") and token.head.lemma_ not in ("say",):
            # "All this has led the journalist Dainis Ivans to fear …": object control
            obj = objs[0]
            names = [c for c in obj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
            if obj.ent_type_ == "PERSON" or names or obj.lemma_.lower() in PERSON_NOUNS:
                return names[0] if names else obj
    if token.dep_ == "pcomp" and token.tag_ == "VBG":
        # "After saying …, she was whisked off", "for saying that …"
        head = token.head
        for _ in range(HEAD_WALK):
            # up through the preposition, and a noun it hangs from ("incurred a wave of
            # boos upon saying, “…”")
            if head.pos_ in ("VERB", "AUX") or head.head == head:
                break
            if "\n" in token.doc[min(head.i, token.i) : max(head.i, token.i) + 1].text:
                return None
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head != token:
            return _subject(head, passive=True)
        return None
    if token.dep_ in ("advcl", "xcomp", "conj") and token.head != token:
        # "…, adding that …", "he said and added …"; "was joined on stage … and joked"
        head = token.head
        if token.dep_ != "conj" and head.pos_ in ("ADV", "ADJ") and head.head.pos_ == "VERB":
            head = head.head  # "went so far as to say:"
        if head.pos_ in ("VERB", "AUX"):
            # "Mr. Trump was prompted to say": a passive head's subject says it
            passive = token.dep_ in ("advcl", "conj") or (
                token.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in head.children)
            )
            # not the agent of a passive head: "duped by a con and encourage …"
            return _subject(head, passive=passive, agent=False)
        return None
    if _is_finite_root(token):
        return _orphan_subject(token)
    return None


def _is_finite_root(verb: Token) -> bool:
    """Whether ``verb`` heads its sentence (or a clause set beside it) as a finite verb
    ("said", "had said")."""
    return verb.dep_ in ("ROOT", "parataxis") and (
        verb.tag_ in FINITE_TAGS
        or any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS and c.i < verb.i for c in verb.children)
    )


def _orphan_subject(verb: Token, ignore: Token | None = None) -> Token | None:
    """The subject the parser hung elsewhere from a finite cue left without one:
    "…, Col. Steven H. Warren, a military spokesman in Baghdad, said", "In a statement to
    the Observer, her adviser, Jake Sullivan, said", "after Mr. Trump, asked about …, had
    said". The comma-separated segments before the verb are read from the right: the
    nearest is the subject unless it is a parenthetical (a participle, a preposition, an
    apposition), in which case the name that ends the segment before it is."""
    if any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and c != ignore for c in verb.children
    ):
        return None
    doc = verb.doc
    segments: list[list[Token]] = [[]]
    for t in reversed(doc[verb.sent.start : verb.i]):
        if t.is_quote or t.is_space or "\n" in t.text_with_ws:
            break
        if t.text == ",":
            segments.append([])
        elif not (t.dep_ in ("aux", "advmod", "neg") and t.head == verb) and t != ignore:
            segments[-1].insert(0, t)
    segments = [s for s in segments if s]
    if not segments:
        return None
    first = segments[0][0]
    parenthetical = first.pos_ in ("VERB", "ADP", "SCONJ") or first.lower_ in ("who", "whose")
    if not parenthetical:
        head = _noun_between(first, doc[segments[0][-1].i + 1])
        if head is None or not _person_like(head):
            return None
        if head.dep_ == "appos" and head.head.i < first.i and head.head.ent_type_ == "PERSON":
            return head.head  # "Warren, a military spokesman in Baghdad, said"
        return head
    if len(segments) < 2:
        return None
    words = segments[1]
    while words and words[-1].text == ")":
        # "Sen. Richard J. Durbin (D-Ill.), noting …, said": past the bracket
        opening = [k for k, w in enumerate(words) if w.text == "("]
        words = words[: opening[-1]] if opening else []
    return words[-1] if words and words[-1].ent_type_ == "PERSON" else None


def _person_like(t: Token) -> bool:
    """A name of a person or body, or a noun for a person ("a White House official")."""
    if t.ent_type_:
        return t.ent_type_ == "PERSON" or t.ent_type_ in BODY_NAMES
    return t.pos_ == "PROPN" or t.lemma_.lower() in PERSON_NOUNS


def _past_dateline(subj: Token) -> Token:
    """The real subject when the parser took a dateline for it: "WASHINGTON -- President
    Obama, dedicating …, said" is Obama's (parsed as an apposition of the dateline)."""
    doc = subj.doc
    nxt = doc[subj.i + 1] if subj.i + 1 < len(doc) else None
    dateline = subj.is_upper and len(subj.text) > 2 and nxt is not None
    if not dateline or nxt is None or nxt.text not in ("--", "—", "–", "-"):
        return subj
    for child in subj.children:
        if child.dep_ == "appos" and child.i > nxt.i and child.pos_ in ("PROPN", "NOUN"):
            return child
    return subj


def _noun_after(token: Token) -> Token | None:
    for t in token.doc[token.i + 1 : token.i + 2 * POST_CUE_WINDOW]:
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            # head of the noun phrase: walk to the last compound in a row
            while t.dep_ in ("compound", "amod") and t.head.i > t.i:
                t = t.head
            return t
    return None


def _governing_cue(doc: Doc, text: str, q: Quoted) -> Token | None:
    """A reporting verb above a quoted phrase in the parse, or None (a scare quote)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    token: Token = span.root
    for _ in range(12):
        if q.start <= token.idx < q.end:
            token = token.head  # a verb inside the quote reports nothing about it
            if token.head == token and q.start <= token.idx < q.end:
                return None
            continue
        if "\n\n" in text[min(token.idx, q.start) : max(token.idx, q.end)]:
            return None
        phrase_verb = token.pos_ == "VERB" and token.lemma_.lower() in PHRASE_VERBS
        if (
            (_is_cue(token, objects=False) or phrase_verb)
            and token.lower_ != "according"
            and _subject(token) is not None
        ):
            return token
        if token.head == token:
            break
        token = token.head
    return None


def _object_start(doc: Doc, verb: Token, q: Quoted) -> int:
    """Where a partial quote's content starts: at the verb's object when the quote
    completes it ("described Bakhmut as Ukraine's ‘fortress’"), else at the quote."""
    if verb.idx > q.open_mark:
        return q.start
    for t in doc[verb.i + 1 : verb.i + 1 + OBJECT_WINDOW]:
        if t.idx >= q.open_mark:
            break
        if t.is_punct or t.is_space or t.dep_ in ("prt", "advmod", "npadvmod", "neg", "aux"):
            continue
        if "\n" in str(doc[verb.i : t.i + 1].text_with_ws):
            break
        return int(t.idx)
    return q.start


def _cue_span(token: Token) -> Span:
    doc = token.doc
    end = token
    if token.lower_ == "according":
        end = next((c for c in token.children if c.lower_ == "to"), token)
    start_char, end_char = token.idx, end.idx + len(end)
    return Span(start_char, end_char, doc[token.i : end.i + 1].text)


def _mention(content: Span, kind: str, frame: _Frame) -> QuoteMention:
    cue = _cue_span(frame.cue) if frame.cue is not None else frame.cue_text
    return QuoteMention(content, "direct" if kind == "direct" else "partial", cue)


def _looks_like_title(text: str, *, sentence_ok: bool = True) -> bool:
    """Whether a quoted phrase reads as a title ("Face the Nation", "Fox News Sunday").

    With ``sentence_ok`` a phrase ending like a sentence is not a title (a headline-case
    quote under a verb); without it, only the words count (a heading alone on its line).
    """
    if sentence_ok and text.rstrip().endswith((".", "!", "?")):
        return False  # a sentence in headline case, not a name
    words = [w.strip(".,;:!?") for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    return all(w[0].isupper() or w in TITLE_SMALL_WORDS for w in words)


def _named_by(doc: Doc, q: Quoted) -> bool:
    """Whether the phrase before a quote introduces a name: "on Fox News's “Fox and
    Friends.”", "in “The Art of the Deal.”" (then a final stop does not make a sentence)."""
    if q.open_mark == 0:
        return False
    before = _token_at(doc, q.open_mark - 1)
    return before.pos_ == "ADP" or before.lower_ in ("'s", "’s", "show", "program", "titled")


def _words(text: str) -> int:
    return len(text.split())
