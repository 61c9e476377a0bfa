"""GraphQL of the customer register."""
