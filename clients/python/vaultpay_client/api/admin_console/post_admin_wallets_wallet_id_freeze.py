from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.admin_wallet_envelope import AdminWalletEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...models.freeze import Freeze
from ...types import Response


def _get_kwargs(
    wallet_id: str,
    *,
    body: Freeze,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/admin/wallets/{wallet_id}/freeze".format(
            wallet_id=quote(str(wallet_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminWalletEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = AdminWalletEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

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
) -> Response[AdminWalletEnvelope | ErrorEnvelope]:
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
    body: Freeze,
) -> Response[AdminWalletEnvelope | ErrorEnvelope]:
    """Freeze a wallet (moderator and above)

     The owner cannot lift an admin freeze. A wallet frozen by its owner or by a PIN
    lockout becomes admin-frozen. Writes a FREEZE_WALLET audit row with the reason
    and notifies the owner (without the internal reason). Nobody freezes their own
    wallet this way (403 SELF_ACTION_NOT_ALLOWED): the self freeze is theirs to use.

    Args:
        wallet_id (str):
        body (Freeze):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminWalletEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
    body: Freeze,
) -> AdminWalletEnvelope | ErrorEnvelope | None:
    """Freeze a wallet (moderator and above)

     The owner cannot lift an admin freeze. A wallet frozen by its owner or by a PIN
    lockout becomes admin-frozen. Writes a FREEZE_WALLET audit row with the reason
    and notifies the owner (without the internal reason). Nobody freezes their own
    wallet this way (403 SELF_ACTION_NOT_ALLOWED): the self freeze is theirs to use.

    Args:
        wallet_id (str):
        body (Freeze):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminWalletEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        wallet_id=wallet_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
    body: Freeze,
) -> Response[AdminWalletEnvelope | ErrorEnvelope]:
    """Freeze a wallet (moderator and above)

     The owner cannot lift an admin freeze. A wallet frozen by its owner or by a PIN
    lockout becomes admin-frozen. Writes a FREEZE_WALLET audit row with the reason
    and notifies the owner (without the internal reason). Nobody freezes their own
    wallet this way (403 SELF_ACTION_NOT_ALLOWED): the self freeze is theirs to use.

    Args:
        wallet_id (str):
        body (Freeze):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminWalletEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    wallet_id: str,
    *,
    client: AuthenticatedClient,
    body: Freeze,
) -> AdminWalletEnvelope | ErrorEnvelope | None:
    """Freeze a wallet (moderator and above)

     The owner cannot lift an admin freeze. A wallet frozen by its owner or by a PIN
    lockout becomes admin-frozen. Writes a FREEZE_WALLET audit row with the reason
    and notifies the owner (without the internal reason). Nobody freezes their own
    wallet this way (403 SELF_ACTION_NOT_ALLOWED): the self freeze is theirs to use.

    Args:
        wallet_id (str):
        body (Freeze):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminWalletEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            wallet_id=wallet_id,
            client=client,
            body=body,
        )
    ).parsed
