"""Import jobs: uploaded readouts ingested in a background thread, with progress to show.

An upload can hold many files and each takes a moment to parse, so the request only saves the
files and starts a job; the job page shows the count done and the per-file outcome table as it
fills (refreshing itself while the job runs).  Jobs live in memory: they are a view of one
ingest run, while everything that matters lands in the ledger itself.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from jidu.ledger.ingest import FileOutcome, ingest_paths

MAX_JOBS = 50
"""Finished jobs kept for viewing; the oldest are forgotten first."""


@dataclass
class ImportJob:
    """One ingest run over uploaded files."""

    id: str
    owner: str
    total: int
    done: int = 0
    outcomes: list[FileOutcome] = field(default_factory=list)
    finished: bool = False
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "owner": self.owner, "total": self.total, "done": self.done, "finished": self.finished,
            "error": self.error,
            "files": [
                {"path": o.path, "outcome": o.outcome.value, "reason": o.reason, "source_id": o.source_id,
                 "meeting_id": o.meeting_id, "quarter": o.quarter, "date": o.date}
                for o in self.outcomes
            ],
        }


def safe_name(name: str) -> str:
    """A client-supplied file name reduced to its last component, never empty or a path."""
    base = Path(name.replace("\\", "/")).name.strip().lstrip(".")
    return base or "upload"


class JobRegistry:
    """The import jobs of one app, guarded by a lock (job threads update them)."""

    def __init__(self) -> None:
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> ImportJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, engine: Engine, owner: str, files: list[tuple[str, bytes]], *, wait: bool = False) -> ImportJob:
        """Save ``files`` (name, bytes) to a temporary folder and ingest them in a thread."""
        folder = Path(tempfile.mkdtemp(prefix="jidu-upload-"))
        paths: list[Path] = []
        for i, (name, data) in enumerate(files):
            target = folder / f"{i:03d}" / safe_name(name)
            target.parent.mkdir()
            target.write_bytes(data)
            paths.append(target)
        job = ImportJob(id=uuid.uuid4().hex, owner=owner, total=len(paths))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
        thread = threading.Thread(target=self._run, args=(engine, job, folder, paths), daemon=True)
        thread.start()
        if wait:
            thread.join()
        return job

    def _run(self, engine: Engine, job: ImportJob, folder: Path, paths: list[Path]) -> None:
        names = {str(p): p.name for p in paths}

        def progress(outcome: FileOutcome, done: int, _total: int) -> None:
            shown = replace(outcome, path=_display(outcome.path, names))
            with self._lock:
                job.outcomes.append(shown)
                job.done = done

        try:
            ingest_paths(engine, paths, progress=progress)
        except Exception as exc:  # a crash must end the job visibly, not leave it spinning
            job.error = f"{type(exc).__name__}: {exc}"
        finally:
            job.finished = True
            shutil.rmtree(folder, ignore_errors=True)


def _display(path: str, names: dict[str, str]) -> str:
    """The uploaded file's own name for a temporary path (``file#2`` suffixes kept)."""
    base, _, suffix = path.partition("#")
    name = names.get(base, Path(base).name)
    return f"{name}#{suffix}" if suffix else name
