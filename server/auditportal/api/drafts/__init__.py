"""GraphQL of server drafts (auditportal.submissions.drafts)."""
