"""Exports of the ledger: JSON / JSON Lines (:mod:`ledger_json`), CSV (:mod:`ledger_csv`) and an Excel
workbook (:mod:`ledger_xlsx`), all built from the same flat tables (:mod:`tables`).  Briefings and
the workflow's own workbook live in their own modules beside these."""
