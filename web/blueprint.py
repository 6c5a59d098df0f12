"""The Blueprint every resource uses: flask-smorest's, with unknown query parameters
refused like unknown body fields (webargs ignores them by default, so a mistyped
filter would silently return everything), and every JSON body decoded strictly
(web/input_guard.py)."""
from __future__ import annotations

import flask_smorest
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from web.input_guard import load_json


class _StrictParser(FlaskParser):
    # None: the schema decides, and our schemas refuse unknown fields.
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
                                   "query": None, "querystring": None}

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        body = req.get_data(cache=True)
        # An empty body is no body (webargs' own rule), not malformed JSON.
        return load_json(body) if body else core.missing


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = _StrictParser()
