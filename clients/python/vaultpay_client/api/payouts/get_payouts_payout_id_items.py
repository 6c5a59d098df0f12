from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.get_payouts_payout_id_items_status import GetPayoutsPayoutIdItemsStatus
from ...models.payout_item_view_page_envelope import PayoutItemViewPageEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    payout_id: str,
    *,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetPayoutsPayoutIdItemsStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["per_page"] = per_page

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/payouts/{payout_id}/items".format(
            payout_id=quote(str(payout_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PayoutItemViewPageEnvelope:
    if response.status_code == 200:
        response_200 = PayoutItemViewPageEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | PayoutItemViewPageEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    payout_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetPayoutsPayoutIdItemsStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | PayoutItemViewPageEnvelope]:
    """List a payout's items in index order, each with its outcome

    Args:
        payout_id (str):
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetPayoutsPayoutIdItemsStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PayoutItemViewPageEnvelope]
    """

    kwargs = _get_kwargs(
        payout_id=payout_id,
        page=page,
        per_page=per_page,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    payout_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetPayoutsPayoutIdItemsStatus | Unset = UNSET,
) -> ErrorEnvelope | PayoutItemViewPageEnvelope | None:
    """List a payout's items in index order, each with its outcome

    Args:
        payout_id (str):
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetPayoutsPayoutIdItemsStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PayoutItemViewPageEnvelope
    """

    return sync_detailed(
        payout_id=payout_id,
        client=client,
        page=page,
        per_page=per_page,
        status=status,
    ).parsed


async def asyncio_detailed(
    payout_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetPayoutsPayoutIdItemsStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | PayoutItemViewPageEnvelope]:
    """List a payout's items in index order, each with its outcome

    Args:
        payout_id (str):
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetPayoutsPayoutIdItemsStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PayoutItemViewPageEnvelope]
    """

    kwargs = _get_kwargs(
        payout_id=payout_id,
        page=page,
        per_page=per_page,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    payout_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetPayoutsPayoutIdItemsStatus | Unset = UNSET,
) -> ErrorEnvelope | PayoutItemViewPageEnvelope | None:
    """List a payout's items in index order, each with its outcome

    Args:
        payout_id (str):
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetPayoutsPayoutIdItemsStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PayoutItemViewPageEnvelope
    """

    return (
        await asyncio_detailed(
            payout_id=payout_id,
            client=client,
            page=page,
            per_page=per_page,
            status=status,
        )
    ).parsed
