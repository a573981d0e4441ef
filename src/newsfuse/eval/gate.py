"""The eval gate: every gated eval runs on its dev split and must reach its minimums.

Minimums live in ``gates.json`` beside this module, one entry per eval::

    {"extraction": {"split": "dev", "f1": 0.973, "extract_f1": 0.981}}

Every key other than ``split`` names a metric that the eval's scorer reports,
and its value is the lowest acceptable score. A later eval joins the gate by
adding a scorer to :data:`SCORERS` and an entry to ``gates.json``; raising a
minimum is a deliberate commit. Keys starting with ``_`` are notes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsfuse.errors import EvalError
from newsfuse.eval import extraction

GATES_FILE = Path(__file__).with_name("gates.json")

# A scorer runs one eval on one split: (folder holding all eval sets, split, worker
# processes) -> metric name -> score.
Scorer = Callable[[Path, Literal["dev"], int], dict[str, float]]


def _extraction(eval_root: Path, split: Literal["dev"], workers: int) -> dict[str, float]:
    report = extraction.run(
        eval_root / extraction.DATASET,
        split,
        systems=("newsfuse", "newsfuse-extract"),
        workers=workers,
        bootstrap=0,
    )
    full, extract_only = report.scores["newsfuse"], report.scores["newsfuse-extract"]
    return {
        "f1": full.f1,
        "precision": full.precision,
        "recall": full.recall,
        "accuracy": full.accuracy,
        "extract_f1": extract_only.f1,
        "extract_accuracy": extract_only.accuracy,
    }


def _from_module(module: str) -> Scorer:
    """A scorer that lives in ``newsfuse.eval.<module>`` as ``gate_scores`` (imported lazily)."""

    def scorer(eval_root: Path, split: Literal["dev"], workers: int) -> dict[str, float]:
        import importlib

        fn: Scorer = importlib.import_module(f"newsfuse.eval.{module}").gate_scores
        return fn(eval_root, split, workers)

    return scorer


SCORERS: dict[str, Scorer] = {
    "extraction": _extraction,
    "times": _from_module("times"),
    "quotes": _from_module("quotes"),
    "speakers": _from_module("speakers"),
    "clusters": _from_module("clusters"),
    "align": _from_module("align"),
    "paraphrase": _from_module("paraphrase"),
}


@dataclass(frozen=True, slots=True)
class Gate:
    """Minimum scores of one eval on one split."""

    eval: str
    split: Literal["dev"]
    minimums: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class GateCheck:
    """One metric of one eval against its minimum."""

    eval: str
    split: str
    metric: str
    minimum: float
    value: float

    @property
    def passed(self) -> bool:
        return self.value >= self.minimum

    def as_dict(self) -> dict[str, object]:
        return {
            "eval": self.eval,
            "split": self.split,
            "metric": self.metric,
            "minimum": self.minimum,
            "value": round(self.value, 4),
            "passed": self.passed,
        }


@dataclass(frozen=True, slots=True)
class GateResult:
    """Every check of a gate run, and how long it took."""

    checks: tuple[GateCheck, ...]
    seconds: float

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {
            "passed": self.passed,
            "seconds": round(self.seconds, 2),
            "checks": [c.as_dict() for c in self.checks],
        }


def load_gates(path: Path = GATES_FILE) -> list[Gate]:
    """Read the minimums; EvalError names the file and what is wrong with it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: cannot read the gate minimums ({exc})") from exc
    if not isinstance(raw, dict):
        raise EvalError(f"{path}: expected an object keyed by eval name")
    gates = []
    for name, entry in raw.items():
        if name.startswith("_"):
            continue
        if name not in SCORERS:
            known = ", ".join(sorted(SCORERS))
            raise EvalError(f"{path}: no scorer for eval {name!r} (known: {known})")
        if not isinstance(entry, dict):
            raise EvalError(f"{path}: entry {name!r} must be an object")
        if entry.get("split", "dev") != "dev":
            # test figures are reported once, by hand; gating on them would tune on them
            raise EvalError(f"{path}: entry {name!r}: the gate runs on the dev split only")
        minimums = {k: v for k, v in entry.items() if k != "split"}
        bad = [k for k, v in minimums.items() if not isinstance(v, int | float)]
        if bad or not minimums:
            raise EvalError(f"{path}: entry {name!r} needs numeric minimums (bad: {bad})")
        gates.append(Gate(name, "dev", {k: float(v) for k, v in minimums.items()}))
    return gates


def run_gate(
    eval_root: Path,
    *,
    gates: list[Gate] | None = None,
    workers: int = extraction.DEFAULT_WORKERS,
) -> GateResult:
    """Score every gated eval on its split and compare each metric with its minimum."""
    started = time.perf_counter()
    checks: list[GateCheck] = []
    for gate in load_gates() if gates is None else gates:
        scores = SCORERS[gate.eval](eval_root, gate.split, workers)
        for metric, minimum in gate.minimums.items():
            if metric not in scores:
                known = ", ".join(sorted(scores))
                raise EvalError(
                    f"{GATES_FILE}: eval {gate.eval!r} reports no metric {metric!r} "
                    f"(known: {known})"
                )
            checks.append(GateCheck(gate.eval, gate.split, metric, minimum, scores[metric]))
    return GateResult(tuple(checks), time.perf_counter() - started)
