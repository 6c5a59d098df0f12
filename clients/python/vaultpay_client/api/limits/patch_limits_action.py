from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.limit_envelope import LimitEnvelope
from ...models.update_limit import UpdateLimit
from ...types import Response


def _get_kwargs(
    action: str,
    *,
    body: UpdateLimit,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/limits/{action}".format(
            action=quote(str(action), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | LimitEnvelope:
    if response.status_code == 200:
        response_200 = LimitEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | LimitEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    action: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLimit,
) -> Response[ErrorEnvelope | LimitEnvelope]:
    """Change your custom limits for an action

     Only the limits you send change; a stored limit left above one you lower comes
    down with it.

    Args:
        action (str):
        body (UpdateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LimitEnvelope]
    """

    kwargs = _get_kwargs(
        action=action,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    action: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLimit,
) -> ErrorEnvelope | LimitEnvelope | None:
    """Change your custom limits for an action

     Only the limits you send change; a stored limit left above one you lower comes
    down with it.

    Args:
        action (str):
        body (UpdateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LimitEnvelope
    """

    return sync_detailed(
        action=action,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    action: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLimit,
) -> Response[ErrorEnvelope | LimitEnvelope]:
    """Change your custom limits for an action

     Only the limits you send change; a stored limit left above one you lower comes
    down with it.

    Args:
        action (str):
        body (UpdateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LimitEnvelope]
    """

    kwargs = _get_kwargs(
        action=action,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    action: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLimit,
) -> ErrorEnvelope | LimitEnvelope | None:
    """Change your custom limits for an action

     Only the limits you send change; a stored limit left above one you lower comes
    down with it.

    Args:
        action (str):
        body (UpdateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LimitEnvelope
    """

    return (
        await asyncio_detailed(
            action=action,
            client=client,
            body=body,
        )
    ).parsed
