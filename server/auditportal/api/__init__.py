"""The GraphQL API: composes the domains' services into one schema. Domains never import it."""
