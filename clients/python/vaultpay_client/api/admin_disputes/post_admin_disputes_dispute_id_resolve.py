from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.admin_dispute_envelope import AdminDisputeEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...models.resolve_dispute import ResolveDispute
from ...types import Response


def _get_kwargs(
    dispute_id: str,
    *,
    body: ResolveDispute,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/admin/disputes/{dispute_id}/resolve".format(
            dispute_id=quote(str(dispute_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminDisputeEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = AdminDisputeEnvelope.from_dict(response.json())

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
) -> Response[AdminDisputeEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dispute_id: str,
    *,
    client: AuthenticatedClient,
    body: ResolveDispute,
) -> Response[AdminDisputeEnvelope | ErrorEnvelope]:
    """Resolve an open dispute: reject it or refund (moderator and above)

     `rejected` closes the dispute. `refund` closes it and queues a `refund` operation
    for `refund_amount`, by default everything still refundable; refunds of one
    transaction never exceed its amount in total (checked now, and again by the
    posting job under the wallet locks). The refund moves money back from the
    counterparty (the recipient wallet of a send, or the external withdrawal account
    for a withdrawal) to the disputer as a new `refund` posting; the original rows
    never change. A frozen wallet on either side does not stop a refund.

    The refund operation belongs to the disputer: its `user_id` is the disputer and
    its `wallet_id` the disputer's wallet (the one credited), so the disputer polls
    it with `GET /operations/{refund_operation_id}` and sees only their own credit
    row. If the counterparty no longer has the money the operation fails with
    `INSUFFICIENT_BALANCE` and moves nothing; the dispute stays resolved with
    `refund_status: failed`, and the user may dispute the transaction again.

    Writes a `RESOLVE_DISPUTE` audit row (reason: the notes) and a `dispute_resolved`
    notification to the disputer, in the same transaction as the decision. Nobody
    resolves a dispute they are a party to, as the disputer or as the owner of the
    wallet that was paid (403 SELF_ACTION_NOT_ALLOWED, whatever their role).

    Args:
        dispute_id (str):
        body (ResolveDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminDisputeEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        dispute_id=dispute_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dispute_id: str,
    *,
    client: AuthenticatedClient,
    body: ResolveDispute,
) -> AdminDisputeEnvelope | ErrorEnvelope | None:
    """Resolve an open dispute: reject it or refund (moderator and above)

     `rejected` closes the dispute. `refund` closes it and queues a `refund` operation
    for `refund_amount`, by default everything still refundable; refunds of one
    transaction never exceed its amount in total (checked now, and again by the
    posting job under the wallet locks). The refund moves money back from the
    counterparty (the recipient wallet of a send, or the external withdrawal account
    for a withdrawal) to the disputer as a new `refund` posting; the original rows
    never change. A frozen wallet on either side does not stop a refund.

    The refund operation belongs to the disputer: its `user_id` is the disputer and
    its `wallet_id` the disputer's wallet (the one credited), so the disputer polls
    it with `GET /operations/{refund_operation_id}` and sees only their own credit
    row. If the counterparty no longer has the money the operation fails with
    `INSUFFICIENT_BALANCE` and moves nothing; the dispute stays resolved with
    `refund_status: failed`, and the user may dispute the transaction again.

    Writes a `RESOLVE_DISPUTE` audit row (reason: the notes) and a `dispute_resolved`
    notification to the disputer, in the same transaction as the decision. Nobody
    resolves a dispute they are a party to, as the disputer or as the owner of the
    wallet that was paid (403 SELF_ACTION_NOT_ALLOWED, whatever their role).

    Args:
        dispute_id (str):
        body (ResolveDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminDisputeEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        dispute_id=dispute_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    dispute_id: str,
    *,
    client: AuthenticatedClient,
    body: ResolveDispute,
) -> Response[AdminDisputeEnvelope | ErrorEnvelope]:
    """Resolve an open dispute: reject it or refund (moderator and above)

     `rejected` closes the dispute. `refund` closes it and queues a `refund` operation
    for `refund_amount`, by default everything still refundable; refunds of one
    transaction never exceed its amount in total (checked now, and again by the
    posting job under the wallet locks). The refund moves money back from the
    counterparty (the recipient wallet of a send, or the external withdrawal account
    for a withdrawal) to the disputer as a new `refund` posting; the original rows
    never change. A frozen wallet on either side does not stop a refund.

    The refund operation belongs to the disputer: its `user_id` is the disputer and
    its `wallet_id` the disputer's wallet (the one credited), so the disputer polls
    it with `GET /operations/{refund_operation_id}` and sees only their own credit
    row. If the counterparty no longer has the money the operation fails with
    `INSUFFICIENT_BALANCE` and moves nothing; the dispute stays resolved with
    `refund_status: failed`, and the user may dispute the transaction again.

    Writes a `RESOLVE_DISPUTE` audit row (reason: the notes) and a `dispute_resolved`
    notification to the disputer, in the same transaction as the decision. Nobody
    resolves a dispute they are a party to, as the disputer or as the owner of the
    wallet that was paid (403 SELF_ACTION_NOT_ALLOWED, whatever their role).

    Args:
        dispute_id (str):
        body (ResolveDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminDisputeEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        dispute_id=dispute_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dispute_id: str,
    *,
    client: AuthenticatedClient,
    body: ResolveDispute,
) -> AdminDisputeEnvelope | ErrorEnvelope | None:
    """Resolve an open dispute: reject it or refund (moderator and above)

     `rejected` closes the dispute. `refund` closes it and queues a `refund` operation
    for `refund_amount`, by default everything still refundable; refunds of one
    transaction never exceed its amount in total (checked now, and again by the
    posting job under the wallet locks). The refund moves money back from the
    counterparty (the recipient wallet of a send, or the external withdrawal account
    for a withdrawal) to the disputer as a new `refund` posting; the original rows
    never change. A frozen wallet on either side does not stop a refund.

    The refund operation belongs to the disputer: its `user_id` is the disputer and
    its `wallet_id` the disputer's wallet (the one credited), so the disputer polls
    it with `GET /operations/{refund_operation_id}` and sees only their own credit
    row. If the counterparty no longer has the money the operation fails with
    `INSUFFICIENT_BALANCE` and moves nothing; the dispute stays resolved with
    `refund_status: failed`, and the user may dispute the transaction again.

    Writes a `RESOLVE_DISPUTE` audit row (reason: the notes) and a `dispute_resolved`
    notification to the disputer, in the same transaction as the decision. Nobody
    resolves a dispute they are a party to, as the disputer or as the owner of the
    wallet that was paid (403 SELF_ACTION_NOT_ALLOWED, whatever their role).

    Args:
        dispute_id (str):
        body (ResolveDispute):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminDisputeEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            dispute_id=dispute_id,
            client=client,
            body=body,
        )
    ).parsed
