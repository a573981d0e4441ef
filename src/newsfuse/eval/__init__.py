"""eval: scorers for the labeled sets in ../shared/eval, and the minimum-score gate.

Each eval set has a ``dev`` part (tune on it) and a ``test`` part (report final
figures only). :mod:`newsfuse.eval.gate` runs every gated eval on dev and
compares it with the minimums in ``gates.json``.
"""

from __future__ import annotations

from pathlib import Path

# Where the labeled sets lie, relative to the parent of the project root.
EVAL_ROOT_RELPATH = Path("shared/eval")


def project_root(start: Path | None = None) -> Path:
    """Nearest directory from ``start`` (default: the cwd) upwards that has a pyproject.toml.

    Falls back to ``start`` itself, so a run outside any checkout still gets a
    predictable ``../shared/eval`` next to where it was started.
    """
    here = (start or Path.cwd()).resolve()
    return next((d for d in (here, *here.parents) if (d / "pyproject.toml").is_file()), here)


def default_eval_root(start: Path | None = None) -> Path:
    """``../shared/eval`` beside the project root that holds the current directory."""
    return project_root(start).parent / EVAL_ROOT_RELPATH


def ratio(a: float, b: float) -> float:
    """``a / b``, or 0 when ``b`` is 0 (a precision with no predictions, a recall with no gold)."""
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    """The harmonic mean of a precision and a recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r > 0 else 0.0
