"""`flask --app wsgi ...` commands."""
from flask import Flask


def register(app: Flask) -> None:
    pass
