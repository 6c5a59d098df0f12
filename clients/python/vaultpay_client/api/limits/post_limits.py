from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.create_limit import CreateLimit
from ...models.error_envelope import ErrorEnvelope
from ...models.limit_envelope import LimitEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CreateLimit,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/limits",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | LimitEnvelope:
    if response.status_code == 201:
        response_201 = LimitEnvelope.from_dict(response.json())

        return response_201

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
) -> Response[ErrorEnvelope | LimitEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateLimit,
) -> Response[ErrorEnvelope | LimitEnvelope]:
    """Lower your limits for an action

     The limits you leave out keep following your tier's defaults. Lowering one
    alone is always accepted, even below another that stays (a daily limit under
    the per-transaction default): each limit that applies is then capped by the
    wider ones, so the smallest of the three is the most one payment may move.

    Args:
        body (CreateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LimitEnvelope]
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
    body: CreateLimit,
) -> ErrorEnvelope | LimitEnvelope | None:
    """Lower your limits for an action

     The limits you leave out keep following your tier's defaults. Lowering one
    alone is always accepted, even below another that stays (a daily limit under
    the per-transaction default): each limit that applies is then capped by the
    wider ones, so the smallest of the three is the most one payment may move.

    Args:
        body (CreateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LimitEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateLimit,
) -> Response[ErrorEnvelope | LimitEnvelope]:
    """Lower your limits for an action

     The limits you leave out keep following your tier's defaults. Lowering one
    alone is always accepted, even below another that stays (a daily limit under
    the per-transaction default): each limit that applies is then capped by the
    wider ones, so the smallest of the three is the most one payment may move.

    Args:
        body (CreateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LimitEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateLimit,
) -> ErrorEnvelope | LimitEnvelope | None:
    """Lower your limits for an action

     The limits you leave out keep following your tier's defaults. Lowering one
    alone is always accepted, even below another that stays (a daily limit under
    the per-transaction default): each limit that applies is then capped by the
    wider ones, so the smallest of the three is the most one payment may move.

    Args:
        body (CreateLimit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LimitEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
