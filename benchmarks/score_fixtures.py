"""Extraction accuracy per fixture: rows, cells and references right, and the report-level
fields that differ from the truth (compared as the fixtures README says).

    python benchmarks/score_fixtures.py [--variants] [--detail]

Fixtures: every `*.truth.json` in ../shared/fixtures beside the checkout, and the project's own
test fixtures in tests/data (the 2013 template).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.truth_compare import (  # noqa: E402
    match_rows,
    match_tables,
    row_problems,
    score,
    table_problems,
    truth_rows,
)

from cadthkit import extract  # noqa: E402
from cadthkit.errors import CadthkitError  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures"
OWN = ROOT / "tests" / "data"


def _truths(variants: bool) -> list[Path]:
    paths = sorted(FIXTURES.glob("*.truth.json")) + sorted(OWN.glob("*.truth.json"))
    if variants:
        paths += sorted((FIXTURES / "variants").glob("*.truth.json"))
    return paths


def _detail(report, want: dict) -> None:
    for wt, table in match_tables(report.summary_tables, want["summary_tables"]):
        problems = table_problems(table, wt)
        if problems:
            print(f"    {wt['title'][:60]}: {'; '.join(problems)[:300]}")
        rows = table.rows if table is not None else []
        for section, wr, row in match_rows(rows, truth_rows(wt)):
            problems = row_problems(section, wr, row)
            if problems:
                label = f"{wr['first_author']} ({wr['year']})"
                print(f"      {label}: {'; '.join(problems)[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", action="store_true", help="also score variants/")
    parser.add_argument("--detail", action="store_true", help="print every wrong row")
    args = parser.parse_args()
    print(f"{'fixture':42} {'rows':>7} {'cells':>9} {'refs':>7}  fields wrong")
    total = [0] * 6
    for path in _truths(args.variants):
        want = json.loads(path.read_text(encoding="utf-8"))
        pdf = path.with_name(path.name[: -len(".truth.json")] + ".pdf")
        name = pdf.relative_to(FIXTURES if FIXTURES in pdf.parents else ROOT).as_posix()
        try:
            report = extract(pdf)
        except CadthkitError as exc:
            print(f"{name[:-4]:42} failed: {exc}")
            continue
        s = score(report, want)
        for i, v in enumerate((s.rows_right, s.rows, s.cells_right, s.cells, s.refs_right, s.refs)):
            total[i] += v
        print(
            f"{name[:-4]:42} {s.rows_right:>3}/{s.rows:<3} {s.cells_right:>4}/{s.cells:<4} "
            f"{s.refs_right:>3}/{s.refs:<3}  {', '.join(s.fields_wrong) or '-'}"
        )
        if args.detail:
            _detail(report, want)
    print(
        f"{'total':42} {total[0]:>3}/{total[1]:<3} {total[2]:>4}/{total[3]:<4} "
        f"{total[4]:>3}/{total[5]:<3}"
    )


if __name__ == "__main__":
    main()
