"""The audited customers."""
