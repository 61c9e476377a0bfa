"""Who is calling (principals), what they may do (policy), and how they proved it (tokens)."""
