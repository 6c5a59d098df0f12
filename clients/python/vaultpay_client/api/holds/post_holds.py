from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.operation_envelope import OperationEnvelope
from ...models.place_hold import PlaceHold
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PlaceHold,
    idempotency_key: str,
    prefer: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Idempotency-Key"] = idempotency_key

    if not isinstance(prefer, Unset):
        headers["Prefer"] = prefer

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/holds",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | OperationEnvelope:
    if response.status_code == 200:
        response_200 = OperationEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = OperationEnvelope.from_dict(response.json())

        return response_201

    if response.status_code == 202:
        response_202 = OperationEnvelope.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorEnvelope.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

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
) -> Response[ErrorEnvelope | OperationEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PlaceHold,
    idempotency_key: str,
    prefer: str | Unset = UNSET,
) -> Response[ErrorEnvelope | OperationEnvelope]:
    """Reserve money for a payee (asynchronous)

     Answers with a `hold` operation; once it completed, its `result.hold_id` names
    the hold. The money stays in your `balance` but leaves your `available_balance`
    at once: sends, withdrawals and other holds are checked against what is left.
    The payee captures all or part of it (`POST /holds/{hold_id}/capture`) or voids
    it; uncaptured, it expires after `expires_in_s` (celery beat releases it). A
    hold counts towards your `send_money` limits when it is placed. Both sides are
    notified of each step (`hold.created`, `hold.captured`, `hold.voided`,
    `hold.expired` webhook events).

    Args:
        idempotency_key (str):
        prefer (str | Unset):
        body (PlaceHold):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OperationEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        prefer=prefer,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PlaceHold,
    idempotency_key: str,
    prefer: str | Unset = UNSET,
) -> ErrorEnvelope | OperationEnvelope | None:
    """Reserve money for a payee (asynchronous)

     Answers with a `hold` operation; once it completed, its `result.hold_id` names
    the hold. The money stays in your `balance` but leaves your `available_balance`
    at once: sends, withdrawals and other holds are checked against what is left.
    The payee captures all or part of it (`POST /holds/{hold_id}/capture`) or voids
    it; uncaptured, it expires after `expires_in_s` (celery beat releases it). A
    hold counts towards your `send_money` limits when it is placed. Both sides are
    notified of each step (`hold.created`, `hold.captured`, `hold.voided`,
    `hold.expired` webhook events).

    Args:
        idempotency_key (str):
        prefer (str | Unset):
        body (PlaceHold):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OperationEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        prefer=prefer,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PlaceHold,
    idempotency_key: str,
    prefer: str | Unset = UNSET,
) -> Response[ErrorEnvelope | OperationEnvelope]:
    """Reserve money for a payee (asynchronous)

     Answers with a `hold` operation; once it completed, its `result.hold_id` names
    the hold. The money stays in your `balance` but leaves your `available_balance`
    at once: sends, withdrawals and other holds are checked against what is left.
    The payee captures all or part of it (`POST /holds/{hold_id}/capture`) or voids
    it; uncaptured, it expires after `expires_in_s` (celery beat releases it). A
    hold counts towards your `send_money` limits when it is placed. Both sides are
    notified of each step (`hold.created`, `hold.captured`, `hold.voided`,
    `hold.expired` webhook events).

    Args:
        idempotency_key (str):
        prefer (str | Unset):
        body (PlaceHold):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OperationEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        prefer=prefer,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PlaceHold,
    idempotency_key: str,
    prefer: str | Unset = UNSET,
) -> ErrorEnvelope | OperationEnvelope | None:
    """Reserve money for a payee (asynchronous)

     Answers with a `hold` operation; once it completed, its `result.hold_id` names
    the hold. The money stays in your `balance` but leaves your `available_balance`
    at once: sends, withdrawals and other holds are checked against what is left.
    The payee captures all or part of it (`POST /holds/{hold_id}/capture`) or voids
    it; uncaptured, it expires after `expires_in_s` (celery beat releases it). A
    hold counts towards your `send_money` limits when it is placed. Both sides are
    notified of each step (`hold.created`, `hold.captured`, `hold.voided`,
    `hold.expired` webhook events).

    Args:
        idempotency_key (str):
        prefer (str | Unset):
        body (PlaceHold):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OperationEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            prefer=prefer,
        )
    ).parsed
