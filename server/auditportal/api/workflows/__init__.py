"""GraphQL types, queries and mutations of the workflows domain."""
