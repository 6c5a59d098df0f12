from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.trusted_ip_envelope import TrustedIpEnvelope
from ...types import Response


def _get_kwargs(
    ip_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/ip-trust/{ip_id}".format(
            ip_id=quote(str(ip_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TrustedIpEnvelope:
    if response.status_code == 200:
        response_200 = TrustedIpEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | TrustedIpEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ip_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | TrustedIpEnvelope]:
    """Revoke a trusted IP: money can leave from it again only after a new confirmation

    Args:
        ip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TrustedIpEnvelope]
    """

    kwargs = _get_kwargs(
        ip_id=ip_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ip_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | TrustedIpEnvelope | None:
    """Revoke a trusted IP: money can leave from it again only after a new confirmation

    Args:
        ip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TrustedIpEnvelope
    """

    return sync_detailed(
        ip_id=ip_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    ip_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | TrustedIpEnvelope]:
    """Revoke a trusted IP: money can leave from it again only after a new confirmation

    Args:
        ip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TrustedIpEnvelope]
    """

    kwargs = _get_kwargs(
        ip_id=ip_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ip_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | TrustedIpEnvelope | None:
    """Revoke a trusted IP: money can leave from it again only after a new confirmation

    Args:
        ip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TrustedIpEnvelope
    """

    return (
        await asyncio_detailed(
            ip_id=ip_id,
            client=client,
        )
    ).parsed
