from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.chain_check_envelope import ChainCheckEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/audit-logs/verify",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChainCheckEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = ChainCheckEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChainCheckEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ChainCheckEnvelope | ErrorEnvelope]:
    """Verify the audit hash chain (admin and above)

     Re-walks every row in chain order, recomputing each hash from the row's content
    and the previous hash. `first_broken_id` is the `id` of the first row that was
    edited, or whose predecessor was removed; null when the chain is intact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChainCheckEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ChainCheckEnvelope | ErrorEnvelope | None:
    """Verify the audit hash chain (admin and above)

     Re-walks every row in chain order, recomputing each hash from the row's content
    and the previous hash. `first_broken_id` is the `id` of the first row that was
    edited, or whose predecessor was removed; null when the chain is intact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChainCheckEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ChainCheckEnvelope | ErrorEnvelope]:
    """Verify the audit hash chain (admin and above)

     Re-walks every row in chain order, recomputing each hash from the row's content
    and the previous hash. `first_broken_id` is the `id` of the first row that was
    edited, or whose predecessor was removed; null when the chain is intact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChainCheckEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ChainCheckEnvelope | ErrorEnvelope | None:
    """Verify the audit hash chain (admin and above)

     Re-walks every row in chain order, recomputing each hash from the row's content
    and the previous hash. `first_broken_id` is the `id` of the first row that was
    edited, or whose predecessor was removed; null when the chain is intact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChainCheckEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
