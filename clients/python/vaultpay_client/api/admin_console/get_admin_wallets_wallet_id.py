from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.admin_wallet_detail_envelope import AdminWalletDetailEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    wallet_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/wallets/{wallet_id}".format(
            wallet_id=quote(str(wallet_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminWalletDetailEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = AdminWalletDetailEnvelope.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminWalletDetailEnvelope | ErrorEnvelope]:
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
) -> Response[AdminWalletDetailEnvelope | ErrorEnvelope]:
    """Get any wallet with its 20 most recent ledger rows (moderator and above)

    Args:
        wallet_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminWalletDetailEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
) -> AdminWalletDetailEnvelope | ErrorEnvelope | None:
    """Get any wallet with its 20 most recent ledger rows (moderator and above)

    Args:
        wallet_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminWalletDetailEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        wallet_id=wallet_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[AdminWalletDetailEnvelope | ErrorEnvelope]:
    """Get any wallet with its 20 most recent ledger rows (moderator and above)

    Args:
        wallet_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminWalletDetailEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
) -> AdminWalletDetailEnvelope | ErrorEnvelope | None:
    """Get any wallet with its 20 most recent ledger rows (moderator and above)

    Args:
        wallet_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminWalletDetailEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            wallet_id=wallet_id,
            client=client,
        )
    ).parsed
