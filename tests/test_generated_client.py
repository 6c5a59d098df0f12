"""A client generated from our OpenAPI document with openapi-python-client works against
the real thing: gunicorn serving the app, the Celery worker posting the top-up."""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.support.gunicorn import gunicorn

BIN = Path(sys.executable).parent
PACKAGE = "vault_pay_client"  # openapi-python-client's name for the title "VaultPay"


@pytest.fixture(scope="module")
def generated(app, tmp_path_factory):
    """Generate the client from the served document and import it."""
    work = tmp_path_factory.mktemp("client")
    spec_path = work / "spec.json"
    spec_path.write_text(json.dumps(app.test_client().get("/api/v1/openapi.json").json))
    output = work / "out"
    # PATH: the generator formats its output with ruff, which is in the venv.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(BIN / "openapi-python-client"), "generate", "--path", str(spec_path),
         "--output-path", str(output)],
        capture_output=True, text=True, timeout=120, env=env, cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(output))
    try:
        yield lambda name: importlib.import_module(f"{PACKAGE}.{name}")
    finally:
        sys.path.remove(str(output))
        for module in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[module]


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    """gunicorn on a free port with the test settings (the environment conftest set)."""
    with gunicorn(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log") as base_url:
        yield base_url


def test_a_generated_client_registers_logs_in_creates_a_wallet_and_tops_up(
        generated, server, worker, db):
    client_module, models = generated("client"), generated("models")
    register, login = generated("api.auth.post_auth_register"), generated("api.auth.post_auth_login")
    create_wallet = generated("api.wallets.post_wallets_create")
    topup, balance = (generated("api.transactions.post_transactions_topup"),
                      generated("api.wallets.get_wallets_balance"))
    anonymous = client_module.Client(base_url=server, raise_on_unexpected_status=True)
    email, password = f"gen{uuid.uuid4().hex[:10]}@example.com", "generated-client-42"

    registered = register.sync_detailed(client=anonymous, body=models.Register(
        email=email, password=password, full_name="Generated Client"))
    assert registered.status_code == 201
    assert registered.parsed.data.email == email

    tokens = login.sync(client=anonymous, body=models.Login(email=email, password=password))
    assert tokens.success and tokens.data.token_type == "bearer"
    me = client_module.AuthenticatedClient(base_url=server, token=tokens.data.access_token,
                                           raise_on_unexpected_status=True)

    wallet = create_wallet.sync_detailed(client=me, body=models.CreateWallet(currency="INR"))
    assert wallet.status_code == 201
    wallet_id = wallet.parsed.data.wallet_id
    assert wallet_id.startswith("VPY-")

    body = models.Topup(amount="150.00", payment_method=models.TopupPaymentMethod.UPI)
    refused = topup.sync_detailed(client=me, body=body, idempotency_key=uuid.uuid4().hex)
    assert refused.status_code == 403  # not KYC-verified yet: the error envelope, typed
    assert isinstance(refused.parsed, models.ErrorEnvelope)
    assert refused.parsed.error_code == "KYC_REQUIRED"

    # KYC approval is a moderator's job (tests/test_kyc_moderation.py); set it directly.
    db.execute("UPDATE wallets SET kyc_verified = true, kyc_tier = 1 WHERE id = %s", (wallet_id,))
    done = topup.sync_detailed(client=me, body=body, idempotency_key=uuid.uuid4().hex,
                               prefer="wait=10")
    assert done.status_code == 201, done.content
    assert done.headers["Location"] == f"/api/v1/operations/{done.parsed.data.operation_id}"
    assert done.parsed.data.status == "completed"
    assert done.parsed.data.amount == "150.00"
    assert balance.sync(client=me).data.balance == "150.00"
