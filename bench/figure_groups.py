"""Figure groups on BASIL dev events, scored against the hand labels in bench/figure_labels.

    python bench/figure_groups.py [--labels bench/figure_labels] [--show]

The labels follow docs/labelling-align.md (figures only) for the twenty BASIL dev events
at positions 1, 3, 5 and 8 of each year (2010-2014), the positions the alignment eval's
own dev and dev-holdout splits leave out; the scoring follows that guide's rule. A
labelled group is *found* when one newsfuse group holds two or more of its members from
different outlets and nothing from another labelled group or from no group; precision is
the share of newsfuse groups that are right by the same rule; conflict accuracy is over
the found groups. A newsfuse figure is a labelled member when it lies in the same outlet
and paragraph and their characters overlap. ``--show`` prints each event's groups, right
and wrong, for reading (dev only). Reads ../shared; writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newsfuse.briefing.compose import compose
from newsfuse.eval.align_data import data_dir, load_event

LABELS = Path(__file__).with_name("figure_labels")

Json = dict[str, Any]


def score(labels_dir: Path, *, show: bool = False) -> dict[str, float]:
    """Precision, recall and conflict accuracy of the brief's figure groups."""
    root = data_dir(Path(__file__).resolve().parent)
    labelled = found = right = groups = conflict_right = 0
    for path in sorted(labels_dir.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        articles = load_event(root, label["event"])
        outlet = {a.uuid: a.outlet for a in articles}
        brief = compose([a.article() for a in articles])
        numbers = {n["id"]: n for n in brief.numbers}
        gold = label.get("figures", [])
        labelled += len(gold)

        def which(n: Json, gold: list[Json] = gold, outlet: dict[str, str] = outlet) -> int:
            """The labelled group a newsfuse figure belongs to, or -1."""
            for k, g in enumerate(gold):
                for m in g["members"]:
                    if (
                        m["outlet"] == outlet[n["article"]]
                        and m["p"] == n["paragraph"]
                        and n["start"] < m["end"]
                        and m["start"] < n["end"]
                    ):
                        return k
            return -1

        hit: dict[int, bool] = {}
        for g in brief.number_groups:
            members = [numbers[i] for i in g["numbers"]]
            ks = {which(n) for n in members}
            ok = len(ks) == 1 and -1 not in ks
            k = next(iter(ks))
            ok = ok and len({outlet[n["article"]] for n in members if which(n) == k}) >= 2
            groups += 1
            right += ok
            if ok:
                hit[k] = bool(g["conflict"]) == bool(gold[k]["conflict"])
            if show:
                texts = "; ".join(
                    f"{outlet[n['article']]} p{n['paragraph']} {n['text']!r}" for n in members
                )
                mark = "RIGHT" if ok else "WRONG"
                print(f"  {mark} conflict={g['conflict']} {g['about']!r}: {texts}")
        found += len(hit)
        conflict_right += sum(hit.values())
        if show:
            for k, g in enumerate(gold):
                if k not in hit:
                    texts = "; ".join(
                        f"{m['outlet']} p{m['p']} {m['text']!r}" for m in g["members"]
                    )
                    print(f"  MISSED {g['measure']!r}: {texts}")
            print(f"-- {label['event']}")
    return {
        "labelled groups": labelled,
        "newsfuse groups": groups,
        "precision": right / groups if groups else 1.0,
        "recall": found / labelled if labelled else 1.0,
        "conflict accuracy": conflict_right / found if found else 1.0,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    result = score(args.labels, show=args.show)
    for key, value in result.items():
        print(f"{key:18} {value:.3f}" if isinstance(value, float) else f"{key:18} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
