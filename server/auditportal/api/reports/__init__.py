"""GraphQL of reports: request one, follow it, download it."""
