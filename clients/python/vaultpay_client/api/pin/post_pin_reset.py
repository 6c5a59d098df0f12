from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.pin_reset_envelope import PinResetEnvelope
from ...models.reset_pin import ResetPin
from ...types import Response


def _get_kwargs(
    *,
    body: ResetPin,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/pin/reset",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PinResetEnvelope:
    if response.status_code == 200:
        response_200 = PinResetEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | PinResetEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ResetPin,
) -> Response[ErrorEnvelope | PinResetEnvelope]:
    """Set a new PIN with the emailed reset code (lifts a PIN lockout)

     Needs both your sign-in (bearer token) and the emailed code, which only works
    for the user who asked for it (tried by anyone else it is refused and stays
    usable by its owner): a locked-out user still has their login, and
    asking for both means neither a stolen mailbox nor a stolen session alone can
    take over the PIN. The code works once (of two concurrent uses exactly one
    succeeds); a weak or mismatched PIN is refused without using it up. The new PIN
    follows the /pin/set rules; the wrong-PIN counter goes back to zero, a
    `pin_lockout` freeze is lifted (other freezes stay), and a PIN_RESET audit row
    is written.

    Args:
        body (ResetPin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PinResetEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ResetPin,
) -> ErrorEnvelope | PinResetEnvelope | None:
    """Set a new PIN with the emailed reset code (lifts a PIN lockout)

     Needs both your sign-in (bearer token) and the emailed code, which only works
    for the user who asked for it (tried by anyone else it is refused and stays
    usable by its owner): a locked-out user still has their login, and
    asking for both means neither a stolen mailbox nor a stolen session alone can
    take over the PIN. The code works once (of two concurrent uses exactly one
    succeeds); a weak or mismatched PIN is refused without using it up. The new PIN
    follows the /pin/set rules; the wrong-PIN counter goes back to zero, a
    `pin_lockout` freeze is lifted (other freezes stay), and a PIN_RESET audit row
    is written.

    Args:
        body (ResetPin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PinResetEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ResetPin,
) -> Response[ErrorEnvelope | PinResetEnvelope]:
    """Set a new PIN with the emailed reset code (lifts a PIN lockout)

     Needs both your sign-in (bearer token) and the emailed code, which only works
    for the user who asked for it (tried by anyone else it is refused and stays
    usable by its owner): a locked-out user still has their login, and
    asking for both means neither a stolen mailbox nor a stolen session alone can
    take over the PIN. The code works once (of two concurrent uses exactly one
    succeeds); a weak or mismatched PIN is refused without using it up. The new PIN
    follows the /pin/set rules; the wrong-PIN counter goes back to zero, a
    `pin_lockout` freeze is lifted (other freezes stay), and a PIN_RESET audit row
    is written.

    Args:
        body (ResetPin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PinResetEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ResetPin,
) -> ErrorEnvelope | PinResetEnvelope | None:
    """Set a new PIN with the emailed reset code (lifts a PIN lockout)

     Needs both your sign-in (bearer token) and the emailed code, which only works
    for the user who asked for it (tried by anyone else it is refused and stays
    usable by its owner): a locked-out user still has their login, and
    asking for both means neither a stolen mailbox nor a stolen session alone can
    take over the PIN. The code works once (of two concurrent uses exactly one
    succeeds); a weak or mismatched PIN is refused without using it up. The new PIN
    follows the /pin/set rules; the wrong-PIN counter goes back to zero, a
    `pin_lockout` freeze is lifted (other freezes stay), and a PIN_RESET audit row
    is written.

    Args:
        body (ResetPin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PinResetEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
