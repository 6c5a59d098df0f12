import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.admin_balance_envelope import AdminBalanceEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    wallet_id: str,
    *,
    at: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_at: str | Unset = UNSET
    if not isinstance(at, Unset):
        json_at = at.isoformat()
    params["at"] = json_at

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/wallets/{wallet_id}/balance".format(
            wallet_id=quote(str(wallet_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminBalanceEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = AdminBalanceEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminBalanceEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> Response[AdminBalanceEnvelope | ErrorEnvelope]:
    """Get any wallet's balance at an instant, from its ledger (moderator and above)

     The `balance_after` of the wallet's last ledger row posted at or before `at`
    (now when absent), `"0.00"` before its first; exact to the entry, and final.
    A read, like the wallet's detail: no audit row.

    Args:
        wallet_id (str):
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminBalanceEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
        at=at,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> AdminBalanceEnvelope | ErrorEnvelope | None:
    """Get any wallet's balance at an instant, from its ledger (moderator and above)

     The `balance_after` of the wallet's last ledger row posted at or before `at`
    (now when absent), `"0.00"` before its first; exact to the entry, and final.
    A read, like the wallet's detail: no audit row.

    Args:
        wallet_id (str):
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminBalanceEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        wallet_id=wallet_id,
        client=client,
        at=at,
    ).parsed


async def asyncio_detailed(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> Response[AdminBalanceEnvelope | ErrorEnvelope]:
    """Get any wallet's balance at an instant, from its ledger (moderator and above)

     The `balance_after` of the wallet's last ledger row posted at or before `at`
    (now when absent), `"0.00"` before its first; exact to the entry, and final.
    A read, like the wallet's detail: no audit row.

    Args:
        wallet_id (str):
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminBalanceEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
        at=at,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> AdminBalanceEnvelope | ErrorEnvelope | None:
    """Get any wallet's balance at an instant, from its ledger (moderator and above)

     The `balance_after` of the wallet's last ledger row posted at or before `at`
    (now when absent), `"0.00"` before its first; exact to the entry, and final.
    A read, like the wallet's detail: no audit row.

    Args:
        wallet_id (str):
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminBalanceEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            wallet_id=wallet_id,
            client=client,
            at=at,
        )
    ).parsed
