"""The key-work ledger workflow (台账与督办): entries, lifecycle, lights, roles, continuity, reports.

Pure rules live in their own modules (:mod:`lifecycle`, :mod:`permissions`, :mod:`lights`,
:mod:`continuity`, :mod:`quarters`, :mod:`clock`); :mod:`jidu.work.service` is the only code that
changes workflow state in the database, and every interface (CLI, web) goes through it.
"""
