"""Exports: data out as CSV or XLSX at any size (submissions of a form, customers, findings)."""
