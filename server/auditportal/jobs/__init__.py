"""Background jobs: the ARQ worker and the functions it runs."""
