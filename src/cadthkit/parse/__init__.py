"""Plain data in (lines, grids), models out. No PDF access here."""
