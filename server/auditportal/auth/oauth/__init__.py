"""The OAuth 2.0 authorization server and OpenID provider, on Authlib's generic server.

``bridge`` runs Authlib (synchronous) on Starlette and async Tortoise; ``store`` holds the
data and its audit events; ``server`` the grants and endpoints; ``routes`` the HTTP side;
``pages`` and ``formtoken`` the sign-in and consent pages.
"""
