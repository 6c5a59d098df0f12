from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.payout_create import PayoutCreate
from ...models.payout_envelope import PayoutEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: PayoutCreate,
    idempotency_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/payouts",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PayoutEnvelope:
    if response.status_code == 200:
        response_200 = PayoutEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = PayoutEnvelope.from_dict(response.json())

        return response_202

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

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 423:
        response_423 = ErrorEnvelope.from_dict(response.json())

        return response_423

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | PayoutEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PayoutCreate,
    idempotency_key: str,
) -> Response[ErrorEnvelope | PayoutEnvelope]:
    """Pay many recipients in one request (asynchronous; each item posted on its own)

     Every item is checked first: one invalid item refuses the whole payout (422, by
    index). Then each item is posted alone, in index order; an item the balance, a
    recipient's state or a limit refuses fails alone and moves nothing. One PIN check
    for the whole payout. Its end raises the `payout.finished` webhook event.

    Args:
        idempotency_key (str):
        body (PayoutCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PayoutEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PayoutCreate,
    idempotency_key: str,
) -> ErrorEnvelope | PayoutEnvelope | None:
    """Pay many recipients in one request (asynchronous; each item posted on its own)

     Every item is checked first: one invalid item refuses the whole payout (422, by
    index). Then each item is posted alone, in index order; an item the balance, a
    recipient's state or a limit refuses fails alone and moves nothing. One PIN check
    for the whole payout. Its end raises the `payout.finished` webhook event.

    Args:
        idempotency_key (str):
        body (PayoutCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PayoutEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PayoutCreate,
    idempotency_key: str,
) -> Response[ErrorEnvelope | PayoutEnvelope]:
    """Pay many recipients in one request (asynchronous; each item posted on its own)

     Every item is checked first: one invalid item refuses the whole payout (422, by
    index). Then each item is posted alone, in index order; an item the balance, a
    recipient's state or a limit refuses fails alone and moves nothing. One PIN check
    for the whole payout. Its end raises the `payout.finished` webhook event.

    Args:
        idempotency_key (str):
        body (PayoutCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PayoutEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PayoutCreate,
    idempotency_key: str,
) -> ErrorEnvelope | PayoutEnvelope | None:
    """Pay many recipients in one request (asynchronous; each item posted on its own)

     Every item is checked first: one invalid item refuses the whole payout (422, by
    index). Then each item is posted alone, in index order; an item the balance, a
    recipient's state or a limit refuses fails alone and moves nothing. One PIN check
    for the whole payout. Its end raises the `payout.finished` webhook event.

    Args:
        idempotency_key (str):
        body (PayoutCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PayoutEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
