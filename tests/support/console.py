"""Driving the operator console without a browser: a Flask test client that signs in
through the form, keeps the session cookie, and posts forms as a page of the console
would (its Origin and the session's form token); plus the data its tests act on."""
from __future__ import annotations

import re

from tests.support.api import PASSWORD, Api, Caller

ORIGIN = "http://localhost"  # the Flask test client's own host
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Console:
    def __init__(self, client):
        self.client = client

    def sign_in(self, caller: Caller | str, password: str = PASSWORD, **extra):
        email = caller if isinstance(caller, str) else caller.email
        return self.client.post("/console/sign-in", headers={"Origin": ORIGIN},
                                data={"email": email, "password": password, **extra})

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, *, token: str | None = None,
             headers: dict | None = None, **kwargs):
        """A form post with this session's token (unless `token` or `data` says
        otherwise) and this host as its Origin (unless `headers` says otherwise)."""
        form = dict(data or {})
        if "csrf_token" not in form and token != "":
            form["csrf_token"] = token or self.form_token()
        form = {name: value for name, value in form.items() if value is not None}
        return self.client.post(path, data=form, headers={"Origin": ORIGIN, **(headers or {})},
                                **kwargs)

    def form_token(self) -> str:
        found = _TOKEN.search(self.client.get("/console/").get_data(as_text=True))
        assert found, "not signed in: no form token on the dashboard"
        return found.group(1)

    def cookie(self) -> str | None:
        found = self.client.get_cookie("vp_console")
        return found.value if found else None


def text(response) -> str:
    return response.get_data(as_text=True)


def staff(api: Api, role: str = "moderator", full_name: str = "Mona Moderator") -> Caller:
    """A member of staff with a wallet of their own (segregation of duties has
    something to refuse)."""
    return api.wallet(api.user(role, full_name=full_name))


def sent_debit(api: Api, sender: Caller, recipient: Caller, amount: str) -> dict:
    response = api.send(sender, recipient, amount, wait=10)
    assert response.status_code == 201, response.json
    [debit] = response.json["data"]["result"]["transactions"]
    return debit


def opened_dispute(api: Api, disputer: Caller, transaction_id: str) -> dict:
    response = api.post("/disputes", disputer, json={"transaction_id": transaction_id,
                                                     "reason": "The goods never arrived"})
    assert response.status_code == 201, response.json
    return response.json["data"]
