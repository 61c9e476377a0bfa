"""GraphQL of "my work" and notifications."""
