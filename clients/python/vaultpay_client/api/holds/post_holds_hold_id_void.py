from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.operation_envelope import OperationEnvelope
from ...models.void import Void
from ...types import UNSET, Response, Unset


def _get_kwargs(
    hold_id: str,
    *,
    body: Void,
    idempotency_key: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(prefer, Unset):
        headers["Prefer"] = prefer

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/holds/{hold_id}/void".format(
            hold_id=quote(str(hold_id), safe=""),
        ),
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
) -> Response[ErrorEnvelope | OperationEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    hold_id: str,
    *,
    client: AuthenticatedClient,
    body: Void,
    idempotency_key: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Response[ErrorEnvelope | OperationEnvelope]:
    """Void a hold: release all of it (payee, or moderator and above; asynchronous)

     Answers with a `void` operation; once it completed, the whole amount is
    available to the payer again. The payer cannot void a hold (the payee decides).
    A moderator or above who is not a party may void any hold: that writes a
    `VOID_HOLD` audit row (with `reason`); one who is the payer gets 403
    `SELF_ACTION_NOT_ALLOWED`. If a capture or the expiry gets there first, the void
    fails with `HOLD_NOT_ACTIVE`.

    Args:
        hold_id (str):
        idempotency_key (str | Unset):
        prefer (str | Unset):
        body (Void):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OperationEnvelope]
    """

    kwargs = _get_kwargs(
        hold_id=hold_id,
        body=body,
        idempotency_key=idempotency_key,
        prefer=prefer,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    hold_id: str,
    *,
    client: AuthenticatedClient,
    body: Void,
    idempotency_key: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> ErrorEnvelope | OperationEnvelope | None:
    """Void a hold: release all of it (payee, or moderator and above; asynchronous)

     Answers with a `void` operation; once it completed, the whole amount is
    available to the payer again. The payer cannot void a hold (the payee decides).
    A moderator or above who is not a party may void any hold: that writes a
    `VOID_HOLD` audit row (with `reason`); one who is the payer gets 403
    `SELF_ACTION_NOT_ALLOWED`. If a capture or the expiry gets there first, the void
    fails with `HOLD_NOT_ACTIVE`.

    Args:
        hold_id (str):
        idempotency_key (str | Unset):
        prefer (str | Unset):
        body (Void):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OperationEnvelope
    """

    return sync_detailed(
        hold_id=hold_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        prefer=prefer,
    ).parsed


async def asyncio_detailed(
    hold_id: str,
    *,
    client: AuthenticatedClient,
    body: Void,
    idempotency_key: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Response[ErrorEnvelope | OperationEnvelope]:
    """Void a hold: release all of it (payee, or moderator and above; asynchronous)

     Answers with a `void` operation; once it completed, the whole amount is
    available to the payer again. The payer cannot void a hold (the payee decides).
    A moderator or above who is not a party may void any hold: that writes a
    `VOID_HOLD` audit row (with `reason`); one who is the payer gets 403
    `SELF_ACTION_NOT_ALLOWED`. If a capture or the expiry gets there first, the void
    fails with `HOLD_NOT_ACTIVE`.

    Args:
        hold_id (str):
        idempotency_key (str | Unset):
        prefer (str | Unset):
        body (Void):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OperationEnvelope]
    """

    kwargs = _get_kwargs(
        hold_id=hold_id,
        body=body,
        idempotency_key=idempotency_key,
        prefer=prefer,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    hold_id: str,
    *,
    client: AuthenticatedClient,
    body: Void,
    idempotency_key: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> ErrorEnvelope | OperationEnvelope | None:
    """Void a hold: release all of it (payee, or moderator and above; asynchronous)

     Answers with a `void` operation; once it completed, the whole amount is
    available to the payer again. The payer cannot void a hold (the payee decides).
    A moderator or above who is not a party may void any hold: that writes a
    `VOID_HOLD` audit row (with `reason`); one who is the payer gets 403
    `SELF_ACTION_NOT_ALLOWED`. If a capture or the expiry gets there first, the void
    fails with `HOLD_NOT_ACTIVE`.

    Args:
        hold_id (str):
        idempotency_key (str | Unset):
        prefer (str | Unset):
        body (Void):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OperationEnvelope
    """

    return (
        await asyncio_detailed(
            hold_id=hold_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            prefer=prefer,
        )
    ).parsed
