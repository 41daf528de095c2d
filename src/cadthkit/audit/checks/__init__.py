"""The checks, one module per thing checked; importing this package registers them all."""

from ..registry import CHECKS
from . import callouts, counts, prisma, record, references, table_citations

# Findings of one severity are listed in this order of what is checked (then in each module's
# order of registration), and so are the rows of the README's codes table.
ORDER = [m.__name__ for m in (table_citations, counts, callouts, references, prisma, record)]
CHECKS.sort(key=lambda c: ORDER.index(c.fn.__module__))
