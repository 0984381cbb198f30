"""Workflow settings kept in the ``work_setting`` table, with documented defaults.

The warning thresholds are the office's policy, not the deployment's: they live in the database
next to the ledger, so the CLI and the web app read the same values, and a change is recorded
with who made it.  A missing key means the default of :class:`~jidu.work.lights.LightSettings`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jidu.work.clock import utcnow
from jidu.work.errors import InvalidInput
from jidu.work.lights import LightSettings
from jidu.work.models import WorkSetting

PREFIX = "lights."
KEYS = tuple(f.name for f in fields(LightSettings))


def load_light_settings(session: Session) -> LightSettings:
    """The thresholds in force: stored values over the defaults."""
    rows = session.scalars(select(WorkSetting).where(WorkSetting.key.startswith(PREFIX))).all()
    values = {row.key[len(PREFIX):]: row.value for row in rows if row.key[len(PREFIX):] in KEYS}
    return LightSettings(**values)


def store_light_settings(
    session: Session, values: dict[str, Any], *, by: str, now: dt.datetime | None = None
) -> LightSettings:
    """Validate and store new thresholds (unknown keys refused); permission is checked by the service."""
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise InvalidInput(f"未知设置项：{', '.join(unknown)}", f"unknown settings: {', '.join(unknown)}; known: {KEYS}")
    current = load_light_settings(session).as_dict()
    merged = {**current, **{k: v for k, v in values.items() if v is not None}}
    try:
        new = LightSettings(
            yellow_lag=float(merged["yellow_lag"]), red_lag=float(merged["red_lag"]),
            near_days=int(merged["near_days"]),
        )
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"设置值无效：{exc}", f"invalid setting value: {exc}") from exc
    when = now or utcnow()
    for key, value in new.as_dict().items():
        row = session.get(WorkSetting, PREFIX + key)
        if row is None:
            session.add(WorkSetting(key=PREFIX + key, value=value, updated_by=by, updated_at=when))
        elif row.value != value:
            row.value, row.updated_by, row.updated_at = value, by, when
    session.flush()
    return new
