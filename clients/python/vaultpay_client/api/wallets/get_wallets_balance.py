import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.balance_envelope import BalanceEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
        "url": "/api/v1/wallets/balance",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BalanceEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = BalanceEnvelope.from_dict(response.json())

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
) -> Response[BalanceEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> Response[BalanceEnvelope | ErrorEnvelope]:
    """Get your balance and what you can spend now, or your balance at an instant

     With `at`: the balance as of that instant, from the ledger, exact to the entry:
    the `balance_after` of your last ledger row posted at or before it (all rows of
    one posting take effect at one instant), `"0.00"` before your first. The
    answer for an instant never changes later. `at` must not be in the future.

    Args:
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BalanceEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        at=at,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> BalanceEnvelope | ErrorEnvelope | None:
    """Get your balance and what you can spend now, or your balance at an instant

     With `at`: the balance as of that instant, from the ledger, exact to the entry:
    the `balance_after` of your last ledger row posted at or before it (all rows of
    one posting take effect at one instant), `"0.00"` before your first. The
    answer for an instant never changes later. `at` must not be in the future.

    Args:
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BalanceEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        at=at,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> Response[BalanceEnvelope | ErrorEnvelope]:
    """Get your balance and what you can spend now, or your balance at an instant

     With `at`: the balance as of that instant, from the ledger, exact to the entry:
    the `balance_after` of your last ledger row posted at or before it (all rows of
    one posting take effect at one instant), `"0.00"` before your first. The
    answer for an instant never changes later. `at` must not be in the future.

    Args:
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BalanceEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        at=at,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | Unset = UNSET,
) -> BalanceEnvelope | ErrorEnvelope | None:
    """Get your balance and what you can spend now, or your balance at an instant

     With `at`: the balance as of that instant, from the ledger, exact to the entry:
    the `balance_after` of your last ledger row posted at or before it (all rows of
    one posting take effect at one instant), `"0.00"` before your first. The
    answer for an instant never changes later. `at` must not be in the future.

    Args:
        at (datetime.datetime | Unset):  Example: 2026-05-01T10:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BalanceEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            at=at,
        )
    ).parsed
