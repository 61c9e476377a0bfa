"""GraphQL of the working calendar's admin data."""
