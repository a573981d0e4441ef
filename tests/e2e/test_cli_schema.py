"""`newsfuse schema brief|stories` prints the published JSON Schemas (CLI.md)."""

from __future__ import annotations

import json
import subprocess
import sys

from jsonschema import Draft202012Validator


def _schema(name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse.cli.app", "schema", name],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_brief_schema_declares_every_section_of_the_brief() -> None:
    proc = _schema("brief")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    Draft202012Validator.check_schema(schema)
    props = schema["properties"]
    assert props["schema"]["const"] == "newsfuse.brief/1"
    # facts was once missing from the API's model: every section is declared and required
    sections = set(
        "story articles entities quotes quote_groups numbers number_groups times timeline "
        "summary facts unique claims".split()
    )
    assert sections <= set(props) and sections <= set(schema["required"])
    cite = schema["$defs"]["Cite"]["properties"]
    assert {"article", "paragraph", "start", "end", "score"} <= set(cite)
    # open for forward compatibility: no record forbids fields a later version adds
    assert "additionalProperties" not in schema
    assert all(d.get("additionalProperties") is not False for d in schema["$defs"].values())


def test_stories_schema_and_a_bad_name() -> None:
    proc = _schema("stories")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    assert schema["properties"]["schema"]["const"] == "newsfuse.stories/1"
    assert {"id", "headline", "outlets", "articles", "history"} <= set(
        schema["$defs"]["Story"]["properties"]
    )
    bad = _schema("briefs")
    assert bad.returncode == 2 and "brief" in bad.stderr
