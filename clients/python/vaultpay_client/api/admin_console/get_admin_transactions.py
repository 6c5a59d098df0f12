import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.get_admin_transactions_category import GetAdminTransactionsCategory
from ...models.get_admin_transactions_status import GetAdminTransactionsStatus
from ...models.get_admin_transactions_type import GetAdminTransactionsType
from ...models.transaction_page_envelope import TransactionPageEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    type_: GetAdminTransactionsType | Unset = UNSET,
    category: GetAdminTransactionsCategory | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    status: GetAdminTransactionsStatus | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["per_page"] = per_page

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    json_category: str | Unset = UNSET
    if not isinstance(category, Unset):
        json_category = category.value

    params["category"] = json_category

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["start_date"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["end_date"] = json_end_date

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["wallet_id"] = wallet_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/transactions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TransactionPageEnvelope:
    if response.status_code == 200:
        response_200 = TransactionPageEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

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
) -> Response[ErrorEnvelope | TransactionPageEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    type_: GetAdminTransactionsType | Unset = UNSET,
    category: GetAdminTransactionsCategory | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    status: GetAdminTransactionsStatus | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> Response[ErrorEnvelope | TransactionPageEnvelope]:
    """List every wallet's ledger rows, newest first (moderator and above)

     Filters: `type`, `category`, `status`, `wallet_id`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        type_ (GetAdminTransactionsType | Unset):
        category (GetAdminTransactionsCategory | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        status (GetAdminTransactionsStatus | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TransactionPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        type_=type_,
        category=category,
        start_date=start_date,
        end_date=end_date,
        status=status,
        wallet_id=wallet_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    type_: GetAdminTransactionsType | Unset = UNSET,
    category: GetAdminTransactionsCategory | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    status: GetAdminTransactionsStatus | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> ErrorEnvelope | TransactionPageEnvelope | None:
    """List every wallet's ledger rows, newest first (moderator and above)

     Filters: `type`, `category`, `status`, `wallet_id`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        type_ (GetAdminTransactionsType | Unset):
        category (GetAdminTransactionsCategory | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        status (GetAdminTransactionsStatus | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TransactionPageEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        type_=type_,
        category=category,
        start_date=start_date,
        end_date=end_date,
        status=status,
        wallet_id=wallet_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    type_: GetAdminTransactionsType | Unset = UNSET,
    category: GetAdminTransactionsCategory | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    status: GetAdminTransactionsStatus | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> Response[ErrorEnvelope | TransactionPageEnvelope]:
    """List every wallet's ledger rows, newest first (moderator and above)

     Filters: `type`, `category`, `status`, `wallet_id`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        type_ (GetAdminTransactionsType | Unset):
        category (GetAdminTransactionsCategory | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        status (GetAdminTransactionsStatus | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TransactionPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        type_=type_,
        category=category,
        start_date=start_date,
        end_date=end_date,
        status=status,
        wallet_id=wallet_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    type_: GetAdminTransactionsType | Unset = UNSET,
    category: GetAdminTransactionsCategory | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    status: GetAdminTransactionsStatus | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> ErrorEnvelope | TransactionPageEnvelope | None:
    """List every wallet's ledger rows, newest first (moderator and above)

     Filters: `type`, `category`, `status`, `wallet_id`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        type_ (GetAdminTransactionsType | Unset):
        category (GetAdminTransactionsCategory | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        status (GetAdminTransactionsStatus | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TransactionPageEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            type_=type_,
            category=category,
            start_date=start_date,
            end_date=end_date,
            status=status,
            wallet_id=wallet_id,
        )
    ).parsed
