"""GraphQL of evidence: uploads (multipart) and the Attachment type."""
