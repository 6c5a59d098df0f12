"""The Blueprint every resource uses: flask-smorest's, with unknown query parameters
refused like unknown body fields (webargs ignores them by default, so a mistyped
filter would silently return everything)."""
from __future__ import annotations

import flask_smorest
from webargs.flaskparser import FlaskParser


class _StrictParser(FlaskParser):
    # None: the schema decides, and our schemas refuse unknown fields.
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
                                   "query": None, "querystring": None}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = _StrictParser()
