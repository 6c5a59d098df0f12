from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.stats_envelope import StatsEnvelope
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/stats",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | StatsEnvelope:
    if response.status_code == 200:
        response_200 = StatsEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | StatsEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | StatsEnvelope]:
    """Back-office statistics (super admin only)

     Counted in the database at request time. `total_transaction_volume` sums the
    amounts of completed operations by type, across currencies;
    `transaction_volume_by_currency` keeps those sums apart by currency, the figure
    to read once wallets hold more than one. `pending_kyc_count` and
    `open_disputes` count KYC submissions awaiting review and open disputes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StatsEnvelope]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | StatsEnvelope | None:
    """Back-office statistics (super admin only)

     Counted in the database at request time. `total_transaction_volume` sums the
    amounts of completed operations by type, across currencies;
    `transaction_volume_by_currency` keeps those sums apart by currency, the figure
    to read once wallets hold more than one. `pending_kyc_count` and
    `open_disputes` count KYC submissions awaiting review and open disputes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StatsEnvelope
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | StatsEnvelope]:
    """Back-office statistics (super admin only)

     Counted in the database at request time. `total_transaction_volume` sums the
    amounts of completed operations by type, across currencies;
    `transaction_volume_by_currency` keeps those sums apart by currency, the figure
    to read once wallets hold more than one. `pending_kyc_count` and
    `open_disputes` count KYC submissions awaiting review and open disputes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StatsEnvelope]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | StatsEnvelope | None:
    """Back-office statistics (super admin only)

     Counted in the database at request time. `total_transaction_volume` sums the
    amounts of completed operations by type, across currencies;
    `transaction_volume_by_currency` keeps those sums apart by currency, the figure
    to read once wallets hold more than one. `pending_kyc_count` and
    `open_disputes` count KYC submissions awaiting review and open disputes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StatsEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
