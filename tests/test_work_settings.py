import pytest
from sqlalchemy.orm import Session

from jidu.work.errors import InvalidInput
from jidu.work.lights import LightSettings
from jidu.work.models import WorkSetting
from jidu.work.settings import load_light_settings, store_light_settings
from work_data import at, ledger


@pytest.fixture
def session(tmp_path):
    with Session(ledger(tmp_path, stems=())) as session:
        yield session


def test_defaults_when_nothing_is_stored(session):
    assert load_light_settings(session) == LightSettings(10.0, 30.0, 3)


def test_store_merges_validates_and_records_who(session):
    new = store_light_settings(session, {"red_lag": 40, "near_days": None}, by="root", now=at(2022, 7, 1))
    assert new == LightSettings(10.0, 40.0, 3)
    assert load_light_settings(session) == new
    row = session.get(WorkSetting, "lights.red_lag")
    assert (row.value, row.updated_by, row.updated_at) == (40.0, "root", at(2022, 7, 1))
    with pytest.raises(InvalidInput):
        store_light_settings(session, {"yellow_lag": 50}, by="root")
    with pytest.raises(InvalidInput, match="invalid setting value"):
        store_light_settings(session, {"near_days": "soon"}, by="root")
    with pytest.raises(InvalidInput, match="unknown settings: colour"):
        store_light_settings(session, {"colour": "red"}, by="root")
    assert load_light_settings(session) == new
