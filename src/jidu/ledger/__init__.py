"""The ledger (台账): readouts stored as meetings, people, units, remarks, key-work items and terms.

``db`` opens databases and migrates them, ``models`` holds the tables, ``ingest`` turns readout
files into rows, ``consolidate`` merges several readouts of one meeting, ``queries`` and ``search``
answer the questions every interface asks.
"""
