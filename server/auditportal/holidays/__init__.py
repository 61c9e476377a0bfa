"""The working calendar's data that admins own: holidays and make-up workdays."""
