from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.confirm_ip import ConfirmIp
from ...models.error_envelope import ErrorEnvelope
from ...models.trusted_ip_envelope import TrustedIpEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: ConfirmIp,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/ip-trust/confirm",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TrustedIpEnvelope:
    if response.status_code == 200:
        response_200 = TrustedIpEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

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
) -> Response[ErrorEnvelope | TrustedIpEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ConfirmIp,
) -> Response[ErrorEnvelope | TrustedIpEnvelope]:
    """Trust a new network with the code from the confirmation email

     No sign-in needed: the code itself names the user and the IP it was sent for.
    It works once (of two concurrent uses exactly one succeeds) and expires 30
    minutes after the email (IP_CONFIRM_TOKEN_MINUTES); a newer email for the same
    IP retires it. The IP is then trusted for 30 days (IP_TRUST_DAYS).

    Args:
        body (ConfirmIp):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TrustedIpEnvelope]
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
    client: AuthenticatedClient | Client,
    body: ConfirmIp,
) -> ErrorEnvelope | TrustedIpEnvelope | None:
    """Trust a new network with the code from the confirmation email

     No sign-in needed: the code itself names the user and the IP it was sent for.
    It works once (of two concurrent uses exactly one succeeds) and expires 30
    minutes after the email (IP_CONFIRM_TOKEN_MINUTES); a newer email for the same
    IP retires it. The IP is then trusted for 30 days (IP_TRUST_DAYS).

    Args:
        body (ConfirmIp):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TrustedIpEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ConfirmIp,
) -> Response[ErrorEnvelope | TrustedIpEnvelope]:
    """Trust a new network with the code from the confirmation email

     No sign-in needed: the code itself names the user and the IP it was sent for.
    It works once (of two concurrent uses exactly one succeeds) and expires 30
    minutes after the email (IP_CONFIRM_TOKEN_MINUTES); a newer email for the same
    IP retires it. The IP is then trusted for 30 days (IP_TRUST_DAYS).

    Args:
        body (ConfirmIp):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TrustedIpEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ConfirmIp,
) -> ErrorEnvelope | TrustedIpEnvelope | None:
    """Trust a new network with the code from the confirmation email

     No sign-in needed: the code itself names the user and the IP it was sent for.
    It works once (of two concurrent uses exactly one succeeds) and expires 30
    minutes after the email (IP_CONFIRM_TOKEN_MINUTES); a newer email for the same
    IP retires it. The IP is then trusted for 30 days (IP_TRUST_DAYS).

    Args:
        body (ConfirmIp):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TrustedIpEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
