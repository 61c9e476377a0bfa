"""Declared, indexed search fields over answers and custom attributes."""
