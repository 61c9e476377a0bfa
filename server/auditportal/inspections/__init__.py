"""Inspection plans and the scheduler that turns them into workflow instances."""
