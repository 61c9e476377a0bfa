"""PDF reports of workflow cases, rendered by the outbox consumer in both languages."""
