"""The write path that composes the domains: submitting and correcting answers (intake), and
what a stored submission changes elsewhere (register hooks), each in one transaction."""
