"""Import (upload readouts, watch them being ingested) and exports (JSON, CSV, Excel, briefing)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from jidu.export import brief as brief_export
from jidu.export import ledger_csv, ledger_json, ledger_xlsx, work_xlsx
from jidu.ledger import queries
from jidu.web.deps import flash, get_db, lang_of, render, require_user
from jidu.web.messages import translate
from jidu.work import service
from jidu.work.errors import WorkError
from jidu.work.lifecycle import Action
from jidu.work.models import User
from jidu.work.permissions import can

router = APIRouter()

QUARTER = r"^(\d{4}[Qq][1-4])?$"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def may_import(user: User) -> bool:
    """Ingesting opens ledger entries, so it needs the right to create them (supervisors, admins)."""
    try:
        return can(service.actor_of(user), Action.CREATE)
    except WorkError:
        return False


async def read_uploads(files: list[UploadFile], limit: int, max_files: int) -> list[tuple[str, bytes]]:
    """The uploaded files' names and bytes; a file over ``limit`` bytes is refused (413)."""
    if len(files) > max_files:
        raise HTTPException(413, "too many files")
    out = []
    for f in files:
        data = await f.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, "file too large")
        if f.filename:
            out.append((f.filename, data))
    return out


@router.get("/import")
def import_form(request: Request, user: User = Depends(require_user)) -> Response:
    return render(request, "import.html", {"user": user, "allowed": may_import(user)})


@router.post("/import")
async def import_files(request: Request, user: User = Depends(require_user)) -> Response:
    if not may_import(user):
        raise HTTPException(403)
    form = await request.form()
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    settings = request.app.state.settings
    files = await read_uploads(uploads, settings.max_upload_bytes, settings.max_upload_files)
    if not files:
        flash(request, "error", translate("import.none", lang_of(request)))
        return RedirectResponse("/import", status_code=303)
    job = request.app.state.jobs.start(request.app.state.engine, user.username, files, wait=settings.sync_import)
    return RedirectResponse(f"/import/{job.id}", status_code=303)


@router.get("/import/{job_id}")
def import_job(request: Request, job_id: str, user: User = Depends(require_user)) -> Response:
    job = request.app.state.jobs.get(job_id)
    if job is None or job.owner != user.username:
        raise HTTPException(404)
    return render(request, "import_job.html", {"user": user, "job": job})


@router.get("/exports")
def exports(request: Request, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Response:
    from jidu.work import queries as work_queries

    entry_quarters = work_queries.entry_quarters(db)
    return render(request, "exports.html", {
        "user": user, "quarters": queries.quarters(db), "entry_quarters": entry_quarters,
    })


def _range(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    try:
        return queries.quarter_range(start or None, end or None)
    except ValueError:
        raise HTTPException(422, "bad quarter") from None


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(data, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


@router.get("/exports/ledger.json")
def export_json(
    start: str | None = Query(None, alias="from", pattern=QUARTER), end: str | None = Query(None, alias="to", pattern=QUARTER),
    db: Session = Depends(get_db), user: User = Depends(require_user),
) -> Response:
    start, end = _range(start, end)
    buffer = io.StringIO()
    ledger_json.write_json(db, buffer, start, end)
    return _download(buffer.getvalue().encode("utf-8"), "jidu-ledger.json", "application/json")


@router.get("/exports/ledger.xlsx")
def export_xlsx(
    start: str | None = Query(None, alias="from", pattern=QUARTER), end: str | None = Query(None, alias="to", pattern=QUARTER),
    db: Session = Depends(get_db), user: User = Depends(require_user),
) -> Response:
    start, end = _range(start, end)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.xlsx"
        ledger_xlsx.write_xlsx(db, path, start, end)
        return _download(path.read_bytes(), "jidu-ledger.xlsx", XLSX)


@router.get("/exports/ledger-csv.zip")
def export_csv(
    start: str | None = Query(None, alias="from", pattern=QUARTER), end: str | None = Query(None, alias="to", pattern=QUARTER),
    db: Session = Depends(get_db), user: User = Depends(require_user),
) -> Response:
    start, end = _range(start, end)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.zip"
        ledger_csv.write_csv(db, path, start, end)
        zipfile.ZipFile(path).testzip()
        return _download(path.read_bytes(), "jidu-ledger-csv.zip", "application/zip")


@router.get("/exports/brief/{quarter}.docx")
def export_brief(quarter: str, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Response:
    if not queries.is_quarter(quarter):
        raise HTTPException(404)
    b = brief_export.build_brief(db, quarter.upper())
    with tempfile.TemporaryDirectory() as tmp:
        path = brief_export.write_docx(b, Path(tmp) / "brief.docx")
        return _download(path.read_bytes(), f"jidu-brief-{quarter.upper()}.docx", DOCX)


@router.get("/exports/brief/{quarter}.md")
def export_brief_md(quarter: str, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Response:
    if not queries.is_quarter(quarter):
        raise HTTPException(404)
    text = brief_export.render_markdown(brief_export.build_brief(db, quarter.upper()))
    return _download(text.encode("utf-8"), f"jidu-brief-{quarter.upper()}.md", "text/markdown; charset=utf-8")


@router.get("/exports/bulletin/{quarter}.md")
def export_bulletin(quarter: str, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Response:
    from jidu.work.bulletin import bulletin, render_markdown

    if not queries.is_quarter(quarter):
        raise HTTPException(404)
    text = render_markdown(bulletin(db, quarter.upper()))
    return _download(text.encode("utf-8"), f"jidu-bulletin-{quarter.upper()}.md", "text/markdown; charset=utf-8")


@router.get("/exports/work/{quarter}.xlsx")
def export_work(
    quarter: str, unit: str | None = Query(None, max_length=64), db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    if not queries.is_quarter(quarter):
        raise HTTPException(404)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "work.xlsx"
        work_xlsx.export_workbook(db, quarter.upper(), path, unit=unit or None)
        return _download(path.read_bytes(), f"jidu-work-{quarter.upper()}.xlsx", XLSX)
