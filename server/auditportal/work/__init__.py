"""The caller's open work across domains ("my work") and their in-app notifications."""
