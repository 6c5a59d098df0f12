"""The typed Python client in clients/python, generated from our OpenAPI document with
openapi-python-client (`make client`), is current, and works against the real thing:
gunicorn serving the app, the Celery worker posting the money."""
from __future__ import annotations

import filecmp
import importlib
import subprocess
import sys
import uuid

import pytest

from tests.conftest import ROOT
from tests.support.gunicorn import gunicorn
from tests.support.waiting import eventually

CLIENT_DIR = ROOT / "clients" / "python"
PACKAGE = "vaultpay_client"
PIN = "4826"


def _differences(left, right) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    found = [f"only in {compared.left}: {name}" for name in compared.left_only]
    found += [f"only in {compared.right}: {name}" for name in compared.right_only]
    found += [f"differs: {compared.left}/{name}" for name in compared.diff_files]
    for sub in compared.subdirs.values():
        found += _differences(sub.left, sub.right)
    return found


def test_the_client_in_the_repository_is_current(tmp_path):
    fresh = tmp_path / "python"
    result = subprocess.run([sys.executable, "scripts/generate_client.py", "--output", str(fresh)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _differences(CLIENT_DIR, fresh) == [], "clients/python is stale: run `make client`"


@pytest.fixture(scope="module")
def generated():
    """The client package from clients/python, imported as an integrator would."""
    sys.path.insert(0, str(CLIENT_DIR))
    try:
        yield lambda name: importlib.import_module(f"{PACKAGE}.{name}")
    finally:
        sys.path.remove(str(CLIENT_DIR))
        for module in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[module]


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    """gunicorn on a free port with the test settings (the environment conftest set)."""
    with gunicorn(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log") as base_url:
        yield base_url


def _signed_in(generated, server, name: str):
    client_module, models = generated("client"), generated("models")
    register, login = generated("api.auth.post_auth_register"), generated("api.auth.post_auth_login")
    anonymous = client_module.Client(base_url=server, raise_on_unexpected_status=True)
    email, password = f"{name}{uuid.uuid4().hex[:10]}@example.com", "generated-client-42"
    registered = register.sync_detailed(client=anonymous, body=models.Register(
        email=email, password=password, full_name="Generated Client"))
    assert registered.status_code == 201
    assert registered.parsed.data.email == email
    tokens = login.sync(client=anonymous, body=models.Login(email=email, password=password))
    assert tokens.success and tokens.data.token_type == "bearer"
    return client_module.AuthenticatedClient(base_url=server, token=tokens.data.access_token,
                                             raise_on_unexpected_status=True)


def test_the_client_registers_tops_up_sends_and_polls(generated, server, worker, db):
    models = generated("models")
    create_wallet, set_pin = generated("api.wallets.post_wallets_create"), generated("api.pin.post_pin_set")
    topup, send = (generated("api.transactions.post_transactions_topup"),
                   generated("api.transactions.post_transactions_send"))
    balance, operation = (generated("api.wallets.get_wallets_balance"),
                          generated("api.operations.get_operations_operation_id"))
    me, friend = _signed_in(generated, server, "gen"), _signed_in(generated, server, "friend")

    wallet = create_wallet.sync_detailed(client=me, body=models.CreateWallet(currency="INR"))
    assert wallet.status_code == 201
    wallet_id = wallet.parsed.data.wallet_id
    assert wallet_id.startswith("VPY-")
    friend_wallet = create_wallet.sync(client=friend, body=models.CreateWallet(currency="INR"))

    body = models.Topup(amount="150.00", payment_method=models.TopupPaymentMethod.UPI)
    refused = topup.sync_detailed(client=me, body=body, idempotency_key=uuid.uuid4().hex)
    assert refused.status_code == 403  # not KYC-verified yet: the error envelope, typed
    assert isinstance(refused.parsed, models.ErrorEnvelope)
    assert refused.parsed.error_code == "KYC_NOT_VERIFIED"

    # KYC approval is a moderator's job (tests/test_kyc_moderation.py); set it directly.
    db.execute("UPDATE wallets SET kyc_verified = true, kyc_tier = 1 WHERE id = ANY(%s)",
               ([wallet_id, friend_wallet.data.wallet_id],))
    done = topup.sync_detailed(client=me, body=body, idempotency_key=uuid.uuid4().hex,
                               prefer="wait=10")
    assert done.status_code == 201, done.content
    assert done.headers["Location"] == f"/api/v1/operations/{done.parsed.data.operation_id}"
    assert done.parsed.data.status == "completed"
    assert done.parsed.data.amount == "150.00"

    assert set_pin.sync_detailed(client=me, body=models.SetPin(pin=PIN, confirm_pin=PIN)).status_code == 201
    accepted = send.sync_detailed(client=me, idempotency_key=uuid.uuid4().hex, body=models.Send(
        amount="40.25", pin=PIN, recipient_wallet_id=friend_wallet.data.wallet_id))
    assert accepted.status_code == 202, accepted.content  # no Prefer: poll for the outcome
    operation_id = accepted.parsed.data.operation_id

    finished = (models.OperationStatus.COMPLETED, models.OperationStatus.FAILED)
    polls = []

    def done() -> bool:
        polls.append(operation.sync(client=me, operation_id=operation_id))
        return polls[-1].data.status in finished

    eventually(done, 30, interval_s=0.2)
    polled = polls[-1]
    assert polled.data.status == models.OperationStatus.COMPLETED
    assert balance.sync(client=me).data.balance == "109.75"
    assert balance.sync(client=friend).data.balance == "40.25"
