"""Members and attendance history read from the spreadsheets a cooperative already keeps (domain.md §11).

``workbook`` reads a file into plain rows (python-calamine for xlsx/ods, the standard library for csv);
``cells`` reads one cell's value the ways people type it; ``headers`` recognises columns; ``interpret``
turns sheets into member rows and month cells; ``plan`` checks them against the database and says what
an import would create and every problem; ``write`` applies a plan without problems; ``export`` writes
the same layout back. No Qt here.
"""
