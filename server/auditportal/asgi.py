"""`uvicorn auditportal.asgi:app`: the application built from environment settings."""

from auditportal.app import create_app

app = create_app()
