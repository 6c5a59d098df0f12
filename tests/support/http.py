"""The Flask test client's `open` over real HTTP, so tests.support.api.Api can drive a
server running in other processes."""
from __future__ import annotations

from types import SimpleNamespace

import requests


class HttpClient:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def open(self, path: str, method: str = "GET", headers=None, json=None, **_):
        response = self.session.request(method, self.base_url + path, headers=headers,
                                        json=json, timeout=30)
        return SimpleNamespace(status_code=response.status_code, headers=response.headers,
                               json=response.json() if response.content else None)
