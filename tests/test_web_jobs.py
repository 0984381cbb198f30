"""Import jobs: uploaded files saved under safe names, ingested, outcomes named after the upload."""

from __future__ import annotations

from pathlib import Path

from jidu.ledger.db import open_db
from jidu.web.jobs import JobRegistry, safe_name
from web_support import EXAMPLES


def test_safe_name_strips_paths() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\\\Users\\\\x\\\\readout.html") == "readout.html"
    assert safe_name("..") == "upload"
    assert safe_name(".hidden.txt") == "hidden.txt"


def test_a_job_ingests_and_reports_each_file(tmp_path: Path) -> None:
    engine = open_db(f"sqlite:///{tmp_path / 'j.db'}")
    jobs = JobRegistry()
    files = [("../q2.md", (EXAMPLES / "2023q2_shifanwei.md").read_bytes()),
             ("q2-again.md", (EXAMPLES / "2023q2_shifanwei.md").read_bytes()),
             ("note.txt", "这不是会议通稿。".encode())]
    job = jobs.start(engine, "duban", files, wait=True)
    assert job.finished and job.error is None and job.done == job.total == 3
    assert [(o.path, o.outcome.value) for o in job.outcomes] == [
        ("q2.md", "ingested"), ("q2-again.md", "already present"), ("note.txt", "not a meeting")]
    assert jobs.get(job.id) is job and jobs.get("nope") is None
    data = job.as_dict()
    assert data["files"][0]["quarter"] == "2023Q2" and data["owner"] == "duban"
    assert not any(tmp.exists() for tmp in Path("/tmp").glob("jidu-upload-*") if tmp.name.endswith(job.id))
