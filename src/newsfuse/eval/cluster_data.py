"""Gold sets for story clustering: BASIL same-event triplets and ECB+ seminal events.

Both sets are read in place from ``../shared/eval`` (never copied) into one record type,
:class:`ClusterDoc`, so that the clusterer and the TF-IDF baseline are scored the same way.

* **BASIL** (``basil-same-event-triplets``): 100 events, 2010-2019, each covered once by
  Fox News, the New York Times and HuffPost. Gold story = ``triplet-uuid``; BASIL has
  one granularity, so ``topic`` repeats ``label``. Split by event year as the project's
  other BASIL eval does: dev = 2010-2014, test = 2015-2019 (150 articles, 50 stories
  each). Documents come sorted by (publication date, id), the order an online clusterer
  sees them in.
* **ECB+** (``ecbplus-event-clusters``, the derived ``ecbplus_documents.jsonl``): 43
  topics, each with two similar seminal events ("subtopics": the ECB and the ECB+
  documents). Gold story = ``cluster_id`` (``<topic>_<subtopic>``), coarse label =
  topic. Standard split (Cybulska & Vossen 2015): dev topics {2, 5, 12, 18, 21, 23,
  34, 35}, test 36-45, train the rest of 1-35; the file's ``split`` field must agree.
  The jsonl already moved sentence 0 of ``ecbplus`` documents (the source URL) to
  ``source_url``; a first sentence equal to that URL is dropped all the same, and the
  URL's host becomes ``source``. Sentences are PTB-tokenized; they are detokenized
  lightly (good enough for bag-of-words) and each becomes one paragraph, since the XML
  keeps no paragraph breaks. ``title`` is "": the data has no headline field, and the
  first sentence (often, not always, the headline; a dateline in some) stays in the
  text. ``published`` is None: ECB+ has no publication dates. Order: topic number,
  then subtopic (ecb before ecbplus), then document number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from newsfuse.errors import EvalError
from newsfuse.eval import default_eval_root

BasilSplit = Literal["dev", "test"]
EcbSplit = Literal["train", "dev", "test"]

# The data sets' folder names under ../shared/eval.
BASIL_DATASET = "basil-same-event-triplets"
ECBPLUS_DATASET = "ecbplus-event-clusters"
# The derived one-line-per-document view of ECB+ (its README describes the fields).
ECBPLUS_FILE = "ecbplus_documents.jsonl"
# BASIL event years of each split: the same split as eval.speakers (the quote-speaker
# check), so no BASIL event used to tune one component is a test event for another.
BASIL_SPLIT_YEARS: dict[str, range] = {"dev": range(2010, 2015), "test": range(2015, 2020)}
# ECB+ topics of the standard split (Cybulska & Vossen 2015; Barhom et al. 2019).
ECBPLUS_DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
ECBPLUS_TEST_TOPICS = frozenset(range(36, 46))
# Joins paragraphs in ClusterDoc.text.
PARAGRAPH_SEP = "\n\n"
# Keys every BASIL article and every ECB+ record must have.
BASIL_KEYS = ("title", "date", "source", "triplet-uuid", "body-paragraphs")
ECBPLUS_KEYS = ("doc_name", "topic", "subtopic", "cluster_id", "split", "source_url", "sentences")
# ECB+ document names: <topic>_<number>ecb.xml or <topic>_<number>ecbplus.xml.
ECB_NAME = re.compile(r"(\d+)_(\d+)(ecb|ecbplus)\.xml")
# An ISO calendar date, as BASIL writes them.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Light detokenization of PTB-style text, applied in this order: a straight-quoted
# stretch loses its inner spaces ('" Sudan bombed "' -> '"Sudan bombed"'); `` and ''
# become " without the space after / before them; no space before closing punctuation
# or a clitic ('s n't 're 've 'll 'd 'm); none after an opening bracket.
_DETOK: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r'"\s+([^"]*?)\s+"'), r'"\1"'),
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r"\s+([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"\s+('(?:s|re|ve|ll|d|m)\b|n't\b)", re.IGNORECASE), r"\1"),
    (re.compile(r"([(\[{])\s+"), r"\1"),
)


@dataclass(frozen=True, slots=True)
class ClusterDoc:
    """One article of a clustering gold set, with its gold story and coarse topic."""

    id: str  # "basil/<year>/<triplet-uuid>_<n>" or "ecbplus/<topic>_<n><subtopic>"
    title: str  # "" when the data has none
    text: str  # body paragraphs joined by PARAGRAPH_SEP
    published: str | None  # ISO date "YYYY-MM-DD", or None (ECB+)
    source: str | None  # BASIL outlet (fox/nyt/hpo); ECB+ ecbplus docs: URL host; else None
    label: str  # gold story: BASIL triplet-uuid, ECB+ cluster_id (subtopic)
    topic: str  # gold coarse label: ECB+ topic; BASIL: the same as label


# --------------------------------------------------------------------------- BASIL


def default_basil_dir(start: Path | None = None) -> Path:
    """``../shared/eval/basil-same-event-triplets`` beside the project root."""
    return default_eval_root(start) / BASIL_DATASET


def load_basil(root: Path, split: BasilSplit) -> list[ClusterDoc]:
    """The BASIL articles of one split, sorted by (publication date, id).

    ``root`` is the ``basil-same-event-triplets`` folder. EvalError names the path and
    the problem when a folder or file is missing or malformed.
    """
    if split not in BASIL_SPLIT_YEARS:
        raise EvalError(f"{root}: unknown BASIL split {split!r} (dev or test)")
    articles = root / "articles"
    if not articles.is_dir():
        raise EvalError(f"{articles}: BASIL articles folder not found")
    docs: list[ClusterDoc] = []
    for year in BASIL_SPLIT_YEARS[split]:
        folder = articles / str(year)
        paths = sorted(folder.glob("*.json"))
        if not paths:
            raise EvalError(f"{folder}: no BASIL articles for {year}")
        docs.extend(_basil_doc(path, year) for path in paths)
    return sorted(docs, key=lambda d: (d.published or "", d.id))


def _basil_doc(path: Path, year: int) -> ClusterDoc:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: cannot read the article ({exc})") from exc
    if not isinstance(record, dict):
        raise EvalError(f"{path}: not a JSON object")
    missing = [k for k in BASIL_KEYS if k not in record]
    if missing:
        raise EvalError(f"{path}: missing key(s) {', '.join(missing)}")
    date, label = record["date"], record["triplet-uuid"]
    if not isinstance(date, str) or not ISO_DATE.fullmatch(date):
        raise EvalError(f"{path}: date {date!r} is not YYYY-MM-DD")
    if not isinstance(label, str) or not path.stem.startswith(f"{label}_"):
        raise EvalError(f"{path}: triplet-uuid {label!r} does not match the file name")
    return ClusterDoc(
        id=f"basil/{year}/{path.stem}",
        title=str(record["title"] or ""),
        text=PARAGRAPH_SEP.join(_basil_paragraphs(path, record["body-paragraphs"])),
        published=date,
        source=str(record["source"]).lower() or None,
        label=label,
        topic=label,
    )


def _basil_paragraphs(path: Path, body: Any) -> list[str]:
    """Each non-empty paragraph's sentences joined by a space."""
    ok = isinstance(body, list) and all(
        isinstance(p, list) and all(isinstance(s, str) for s in p) for p in body
    )
    if not ok:
        raise EvalError(f"{path}: body-paragraphs is not a list of lists of sentences")
    paragraphs = [" ".join(s.strip() for s in p if s.strip()) for p in body]
    return [p for p in paragraphs if p]


# --------------------------------------------------------------------------- ECB+


def default_ecbplus_dir(start: Path | None = None) -> Path:
    """``../shared/eval/ecbplus-event-clusters`` beside the project root."""
    return default_eval_root(start) / ECBPLUS_DATASET


def ecbplus_split(topic: int) -> EcbSplit:
    """The standard split a topic belongs to."""
    if topic in ECBPLUS_DEV_TOPICS:
        return "dev"
    return "test" if topic in ECBPLUS_TEST_TOPICS else "train"


def load_ecbplus(root: Path, split: EcbSplit) -> list[ClusterDoc]:
    """The ECB+ documents of one split, by topic, subtopic (ecb first), document number.

    ``root`` is the ``ecbplus-event-clusters`` folder. EvalError names the path (and
    line) and the problem when the file is missing or a record is malformed, or when
    the file's ``split`` field disagrees with the standard split.
    """
    if split not in ("train", "dev", "test"):
        raise EvalError(f"{root}: unknown ECB+ split {split!r} (train, dev or test)")
    path = root / ECBPLUS_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read the ECB+ documents ({exc})") from exc
    keyed: list[tuple[tuple[int, int, int], ClusterDoc]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise EvalError(f"{where}: not JSON ({exc})") from exc
        key, doc, record_split = _ecbplus_doc(where, record)
        if record_split == split:
            keyed.append((key, doc))
    if not keyed:
        raise EvalError(f"{path}: no documents in split {split!r}")
    return [doc for _, doc in sorted(keyed, key=lambda kd: kd[0])]


def _ecbplus_doc(where: str, record: Any) -> tuple[tuple[int, int, int], ClusterDoc, EcbSplit]:
    """A record's sort key, document and split; EvalError when it is malformed."""
    if not isinstance(record, dict):
        raise EvalError(f"{where}: not a JSON object")
    missing = [k for k in ECBPLUS_KEYS if k not in record]
    if missing:
        raise EvalError(f"{where}: missing key(s) {', '.join(missing)}")
    name = ECB_NAME.fullmatch(str(record["doc_name"]))
    if name is None:
        raise EvalError(f"{where}: doc_name {record['doc_name']!r} is not <topic>_<n>ecb[plus].xml")
    topic, number, subtopic = int(name[1]), int(name[2]), name[3]
    if record["topic"] != topic or record["subtopic"] != subtopic:
        raise EvalError(f"{where}: topic/subtopic disagree with doc_name {name[0]!r}")
    if record["cluster_id"] != f"{topic}_{subtopic}":
        raise EvalError(f"{where}: cluster_id {record['cluster_id']!r} is not {topic}_{subtopic}")
    split = ecbplus_split(topic)
    if record["split"] != split:
        raise EvalError(
            f"{where}: split {record['split']!r} but topic {topic} is {split} in the standard split"
        )
    sentences, url = record["sentences"], record["source_url"]
    if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
        raise EvalError(f"{where}: sentences is not a list of strings")
    if url is not None and not isinstance(url, str):
        raise EvalError(f"{where}: source_url is not a string")
    if url and sentences and _is_url_sentence(sentences[0], url):
        sentences = sentences[1:]
    paragraphs = [p for p in (detokenize(s) for s in sentences) if p]
    doc = ClusterDoc(
        id=f"ecbplus/{topic}_{number}{subtopic}",
        title="",
        text=PARAGRAPH_SEP.join(paragraphs),
        published=None,
        source=(urlsplit(url).hostname or None) if url else None,
        label=record["cluster_id"],
        topic=str(topic),
    )
    return (topic, subtopic == "ecbplus", number), doc, split


def _is_url_sentence(sentence: str, url: str) -> bool:
    """Whether a (tokenized) sentence is the source URL: equal once spaces are removed."""
    return "".join(sentence.split()) == "".join(url.split())


def detokenize(sentence: str) -> str:
    """Undo the commonest PTB token splits (see _DETOK); not a full detokenizer."""
    text = " ".join(sentence.split())
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text
