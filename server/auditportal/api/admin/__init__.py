"""Administration: users, OAuth clients, consultant grants, customers."""
