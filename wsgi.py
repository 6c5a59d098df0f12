"""The WSGI entry point for gunicorn and the `flask --app wsgi` commands."""
from web.app import create_app

app = create_app()
