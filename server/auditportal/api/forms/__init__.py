"""GraphQL types, queries and mutations of the forms domain."""
