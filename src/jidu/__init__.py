"""jidu (季度): quarterly work meetings in software.

Read readouts into meeting records (:mod:`jidu.read`, :mod:`jidu.extract`), keep the ledger
(:mod:`jidu.ledger`), follow work across quarters (:mod:`jidu.analysis`) and serve it
(:mod:`jidu.cli`, :mod:`jidu.web`, :mod:`jidu.export`).
"""

__version__ = "0.1.0"
