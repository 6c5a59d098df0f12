from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.dispute_envelope import DisputeEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...models.raise_dispute import RaiseDispute
from ...types import Response


def _get_kwargs(
    *,
    body: RaiseDispute,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/disputes",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DisputeEnvelope | ErrorEnvelope:
    if response.status_code == 201:
        response_201 = DisputeEnvelope.from_dict(response.json())

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
) -> Response[DisputeEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RaiseDispute,
) -> Response[DisputeEnvelope | ErrorEnvelope]:
    """Dispute one of your sends or withdrawals

     `transaction_id` is your debit row (`GET /transactions/history`). A transaction has
    at most one open dispute; once one is resolved it may be disputed again, but its
    refunds together never exceed its amount. A moderator resolves the dispute; a
    refund comes back as a new `refund` posting, never by changing the original rows.

    Args:
        body (RaiseDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisputeEnvelope | ErrorEnvelope]
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
    body: RaiseDispute,
) -> DisputeEnvelope | ErrorEnvelope | None:
    """Dispute one of your sends or withdrawals

     `transaction_id` is your debit row (`GET /transactions/history`). A transaction has
    at most one open dispute; once one is resolved it may be disputed again, but its
    refunds together never exceed its amount. A moderator resolves the dispute; a
    refund comes back as a new `refund` posting, never by changing the original rows.

    Args:
        body (RaiseDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisputeEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RaiseDispute,
) -> Response[DisputeEnvelope | ErrorEnvelope]:
    """Dispute one of your sends or withdrawals

     `transaction_id` is your debit row (`GET /transactions/history`). A transaction has
    at most one open dispute; once one is resolved it may be disputed again, but its
    refunds together never exceed its amount. A moderator resolves the dispute; a
    refund comes back as a new `refund` posting, never by changing the original rows.

    Args:
        body (RaiseDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisputeEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RaiseDispute,
) -> DisputeEnvelope | ErrorEnvelope | None:
    """Dispute one of your sends or withdrawals

     `transaction_id` is your debit row (`GET /transactions/history`). A transaction has
    at most one open dispute; once one is resolved it may be disputed again, but its
    refunds together never exceed its amount. A moderator resolves the dispute; a
    refund comes back as a new `refund` posting, never by changing the original rows.

    Args:
        body (RaiseDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisputeEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
