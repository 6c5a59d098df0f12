from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.wallet_envelope import WalletEnvelope
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/wallets/unfreeze",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WalletEnvelope:
    if response.status_code == 200:
        response_200 = WalletEnvelope.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 423:
        response_423 = ErrorEnvelope.from_dict(response.json())

        return response_423

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | WalletEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | WalletEnvelope]:
    """Unfreeze your wallet (only a freeze you made yourself)

     Not while three wrong PINs of the last 24 hours stand (423 PIN_LOCKED, even when
    they were typed while the wallet was frozen): unfreezing must not give back PIN
    guesses. The freeze can be lifted once they are 24 hours old, or after a PIN reset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WalletEnvelope]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | WalletEnvelope | None:
    """Unfreeze your wallet (only a freeze you made yourself)

     Not while three wrong PINs of the last 24 hours stand (423 PIN_LOCKED, even when
    they were typed while the wallet was frozen): unfreezing must not give back PIN
    guesses. The freeze can be lifted once they are 24 hours old, or after a PIN reset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WalletEnvelope
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | WalletEnvelope]:
    """Unfreeze your wallet (only a freeze you made yourself)

     Not while three wrong PINs of the last 24 hours stand (423 PIN_LOCKED, even when
    they were typed while the wallet was frozen): unfreezing must not give back PIN
    guesses. The freeze can be lifted once they are 24 hours old, or after a PIN reset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WalletEnvelope]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | WalletEnvelope | None:
    """Unfreeze your wallet (only a freeze you made yourself)

     Not while three wrong PINs of the last 24 hours stand (423 PIN_LOCKED, even when
    they were typed while the wallet was frozen): unfreezing must not give back PIN
    guesses. The freeze can be lifted once they are 24 hours old, or after a PIN reset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WalletEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
