from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.quote_envelope import QuoteEnvelope
from ...models.quote_request import QuoteRequest
from ...types import Response


def _get_kwargs(
    *,
    body: QuoteRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/fx/quotes",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | QuoteEnvelope:
    if response.status_code == 201:
        response_201 = QuoteEnvelope.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

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
) -> Response[ErrorEnvelope | QuoteEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: QuoteRequest,
) -> Response[ErrorEnvelope | QuoteEnvelope]:
    """Quote a conversion for a send across currencies

     Give `source_amount` (what you pay) or `target_amount` (what the recipient
    gets); the other is computed at the rate less the spread and rounded half-even
    to the currency's minor unit. The quote is yours only, holds until `expires_at`
    (FX_QUOTE_TTL_S, 60 s by default) and pays one send: POST /transactions/send
    with its `quote_id` and `amount` equal to its `source_amount`, from a wallet in
    `from_currency` to one in `to_currency`. A send accepted before `expires_at`
    posts at the quote even if the worker posts it later.

    Args:
        body (QuoteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | QuoteEnvelope]
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
    body: QuoteRequest,
) -> ErrorEnvelope | QuoteEnvelope | None:
    """Quote a conversion for a send across currencies

     Give `source_amount` (what you pay) or `target_amount` (what the recipient
    gets); the other is computed at the rate less the spread and rounded half-even
    to the currency's minor unit. The quote is yours only, holds until `expires_at`
    (FX_QUOTE_TTL_S, 60 s by default) and pays one send: POST /transactions/send
    with its `quote_id` and `amount` equal to its `source_amount`, from a wallet in
    `from_currency` to one in `to_currency`. A send accepted before `expires_at`
    posts at the quote even if the worker posts it later.

    Args:
        body (QuoteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | QuoteEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: QuoteRequest,
) -> Response[ErrorEnvelope | QuoteEnvelope]:
    """Quote a conversion for a send across currencies

     Give `source_amount` (what you pay) or `target_amount` (what the recipient
    gets); the other is computed at the rate less the spread and rounded half-even
    to the currency's minor unit. The quote is yours only, holds until `expires_at`
    (FX_QUOTE_TTL_S, 60 s by default) and pays one send: POST /transactions/send
    with its `quote_id` and `amount` equal to its `source_amount`, from a wallet in
    `from_currency` to one in `to_currency`. A send accepted before `expires_at`
    posts at the quote even if the worker posts it later.

    Args:
        body (QuoteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | QuoteEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: QuoteRequest,
) -> ErrorEnvelope | QuoteEnvelope | None:
    """Quote a conversion for a send across currencies

     Give `source_amount` (what you pay) or `target_amount` (what the recipient
    gets); the other is computed at the rate less the spread and rounded half-even
    to the currency's minor unit. The quote is yours only, holds until `expires_at`
    (FX_QUOTE_TTL_S, 60 s by default) and pays one send: POST /transactions/send
    with its `quote_id` and `amount` equal to its `source_amount`, from a wallet in
    `from_currency` to one in `to_currency`. A send accepted before `expires_at`
    posts at the quote even if the worker posts it later.

    Args:
        body (QuoteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | QuoteEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
