from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.limit_envelope import LimitEnvelope
from ...types import UNSET, Response


def _get_kwargs(
    wallet_id: str,
    action: str,
    *,
    reason: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["reason"] = reason

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/admin/limits/{wallet_id}/{action}".format(
            wallet_id=quote(str(wallet_id), safe=""),
            action=quote(str(action), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | LimitEnvelope:
    if response.status_code == 200:
        response_200 = LimitEnvelope.from_dict(response.json())

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
    wallet_id: str,
    action: str,
    *,
    client: AuthenticatedClient,
    reason: str,
) -> Response[ErrorEnvelope | LimitEnvelope]:
    """Lift an override: the wallet's tier defaults apply again (admin and above)

     `reason` (query) is recorded in the audit row. A user's own custom limits
    are not an override and stay theirs to remove. Nobody lifts an override on
    their own wallet (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        wallet_id (str):
        action (str):
        reason (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LimitEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
        action=action,
        reason=reason,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    wallet_id: str,
    action: str,
    *,
    client: AuthenticatedClient,
    reason: str,
) -> ErrorEnvelope | LimitEnvelope | None:
    """Lift an override: the wallet's tier defaults apply again (admin and above)

     `reason` (query) is recorded in the audit row. A user's own custom limits
    are not an override and stay theirs to remove. Nobody lifts an override on
    their own wallet (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        wallet_id (str):
        action (str):
        reason (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LimitEnvelope
    """

    return sync_detailed(
        wallet_id=wallet_id,
        action=action,
        client=client,
        reason=reason,
    ).parsed


async def asyncio_detailed(
    wallet_id: str,
    action: str,
    *,
    client: AuthenticatedClient,
    reason: str,
) -> Response[ErrorEnvelope | LimitEnvelope]:
    """Lift an override: the wallet's tier defaults apply again (admin and above)

     `reason` (query) is recorded in the audit row. A user's own custom limits
    are not an override and stay theirs to remove. Nobody lifts an override on
    their own wallet (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        wallet_id (str):
        action (str):
        reason (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LimitEnvelope]
    """

    kwargs = _get_kwargs(
        wallet_id=wallet_id,
        action=action,
        reason=reason,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    wallet_id: str,
    action: str,
    *,
    client: AuthenticatedClient,
    reason: str,
) -> ErrorEnvelope | LimitEnvelope | None:
    """Lift an override: the wallet's tier defaults apply again (admin and above)

     `reason` (query) is recorded in the audit row. A user's own custom limits
    are not an override and stay theirs to remove. Nobody lifts an override on
    their own wallet (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        wallet_id (str):
        action (str):
        reason (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LimitEnvelope
    """

    return (
        await asyncio_detailed(
            wallet_id=wallet_id,
            action=action,
            client=client,
            reason=reason,
        )
    ).parsed
