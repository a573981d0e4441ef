"""Reading while the server ingests: every read sees one committed state of the store."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient

from newsfuse.web.app import create_app
from newsfuse.web.config import WebConfig
from newsfuse.web.data import snapshot


def test_readers_never_see_a_half_written_batch(web_db: Path, basil_dev_paths: list[str]) -> None:
    config = WebConfig(db=web_db)
    app = create_app(config, warm_briefs=False)
    inputs = [(Path(p).name, ".json", Path(p).read_bytes()) for p in sorted(basil_dev_paths)[6:66]]
    seen: list[tuple[int, int]] = []
    problems: list[str] = []
    statuses: list[int] = []
    stop = threading.Event()

    def read() -> None:
        with TestClient(app) as client:
            while not stop.is_set():
                with snapshot(config) as store:
                    stored = store.count()
                    stories = store.stories()
                members = [a.id for s in stories for a in s.articles]
                if len(members) != len(set(members)):
                    problems.append("an article in two stories")
                if any(not s.articles for s in stories):
                    problems.append("an empty story")
                seen.append((stored, len(members)))
                statuses.append(client.get("/").status_code)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        jobs = [app.state.jobs.submit(inputs[k : k + 10]) for k in range(0, len(inputs), 10)]
        for job in jobs:
            assert job.event.wait(120)
            assert job.state == "done", job.error
    finally:
        stop.set()
        reader.join(60)
        app.state.jobs.stop()
    assert problems == []
    # every article the snapshot counted belongs to a story in that same snapshot
    assert all(stored == in_stories for stored, in_stories in seen)
    assert len({stored for stored, _ in seen}) >= 2  # the reads did overlap the ingest
    assert set(statuses) == {200}
    with snapshot(config) as store:
        assert store.count() == 8 + sum(j.new for j in jobs) == 8 + len(inputs)
