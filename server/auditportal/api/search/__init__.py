"""GraphQL inputs of declared search fields, shared by submissions and customers."""
