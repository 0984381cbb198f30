"""The interface text catalogue: every key a template asks for exists, in both languages."""

from __future__ import annotations

import re

from jidu.ledger.ingest import Outcome
from jidu.web.deps import TEMPLATES
from jidu.web.messages import MESSAGES, label_of, pick_lang, translate
from jidu.work.permissions import Role


def test_every_template_key_is_in_the_catalogue() -> None:
    used = set()
    for path in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bt\('([a-z_.]+)'\)", path.read_text(encoding="utf-8")))
    assert used, "templates use t('key')"
    assert sorted(used - set(MESSAGES)) == []


def test_dynamic_keys_cover_their_values() -> None:
    for role in Role:
        assert f"role.{role.value}" in MESSAGES
    for outcome in Outcome:
        assert f"outcome.{outcome.value}" in MESSAGES
    for key in ("continued", "reworded", "new", "dropped"):
        assert f"diff.{key}" in MESSAGES
    for key in ("green", "yellow", "red"):
        assert f"light.{key}" in MESSAGES
    assert "search.remark" in MESSAGES and "search.item" in MESSAGES
    from jidu.web.format import LIST_FIELDS, SCALAR_FIELDS

    for name in SCALAR_FIELDS + LIST_FIELDS:
        assert f"field.{name}" in MESSAGES


def test_both_languages_are_filled() -> None:
    for key, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), key
        assert re.search(r"[\u4e00-\u9fff]", zh) or zh in ("API", "JSON", "Excel", "English"), key


def test_language_choice() -> None:
    assert pick_lang("en") == "en"
    assert pick_lang(None) == pick_lang("fr") == "zh"
    assert translate("nav.board", "zh") == "督办台账"
    assert translate("nav.board", "en") == "Ledger board"
    assert translate("no.such.key", "en") == "no.such.key"


def test_statuses_actions_and_domains_have_names_in_both_languages() -> None:
    from jidu.analysis.domains import LABELS
    from jidu.work.lifecycle import Status

    for status in Status:
        assert label_of("status", status.value, "zh") == status.label
        assert re.fullmatch(r"[a-z ]+", label_of("status", status.value, "en"))
    assert label_of("action", "assign", "zh") == "交办" and label_of("action", "approve", "en") == "approved"
    for key, label in LABELS.items():
        assert label_of("domain", key, "zh") == label
        assert not re.search(r"[\u4e00-\u9fff]", label_of("domain", key, "en"))
    assert label_of("status", None, "en") == "" and label_of("status", "bogus", "zh") == "bogus"
