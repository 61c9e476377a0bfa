"""Verification by sampling: plans, stratified draws, four-eyes re-checks, data accuracy."""
