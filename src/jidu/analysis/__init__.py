"""Analysis over the ledger: quarter comparison (``diff``), terms (``terms``), attendance
(``attendance``) and policy domains (``domains``).  Pure functions over plain data; the ledger's
queries fetch the data and the interfaces render the results."""
