"""Workflows: state machines defined as data, their engine, instances and SLA timers."""
