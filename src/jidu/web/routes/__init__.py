"""Routes split by concern: auth, meetings, analysis views, the ledger board, import/export, API."""
