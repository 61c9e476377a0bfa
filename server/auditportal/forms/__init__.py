"""Form definitions, immutable versions, validation, scoring, findings and submissions."""
