from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.admin_operation_page_envelope import AdminOperationPageEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...models.get_admin_operations_status import GetAdminOperationsStatus
from ...models.get_admin_operations_type import GetAdminOperationsType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetAdminOperationsStatus | Unset = UNSET,
    type_: GetAdminOperationsType | Unset = UNSET,
    user_id: UUID | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["per_page"] = per_page

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    json_user_id: str | Unset = UNSET
    if not isinstance(user_id, Unset):
        json_user_id = str(user_id)
    params["user_id"] = json_user_id

    params["wallet_id"] = wallet_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/operations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminOperationPageEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = AdminOperationPageEnvelope.from_dict(response.json())

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
) -> Response[AdminOperationPageEnvelope | ErrorEnvelope]:
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
    status: GetAdminOperationsStatus | Unset = UNSET,
    type_: GetAdminOperationsType | Unset = UNSET,
    user_id: UUID | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> Response[AdminOperationPageEnvelope | ErrorEnvelope]:
    """List every operation, newest first (moderator and above)

     Filters: `status`, `type`, `user_id`, `wallet_id`.

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetAdminOperationsStatus | Unset):
        type_ (GetAdminOperationsType | Unset):
        user_id (UUID | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminOperationPageEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        status=status,
        type_=type_,
        user_id=user_id,
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
    status: GetAdminOperationsStatus | Unset = UNSET,
    type_: GetAdminOperationsType | Unset = UNSET,
    user_id: UUID | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> AdminOperationPageEnvelope | ErrorEnvelope | None:
    """List every operation, newest first (moderator and above)

     Filters: `status`, `type`, `user_id`, `wallet_id`.

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetAdminOperationsStatus | Unset):
        type_ (GetAdminOperationsType | Unset):
        user_id (UUID | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminOperationPageEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        status=status,
        type_=type_,
        user_id=user_id,
        wallet_id=wallet_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetAdminOperationsStatus | Unset = UNSET,
    type_: GetAdminOperationsType | Unset = UNSET,
    user_id: UUID | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> Response[AdminOperationPageEnvelope | ErrorEnvelope]:
    """List every operation, newest first (moderator and above)

     Filters: `status`, `type`, `user_id`, `wallet_id`.

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetAdminOperationsStatus | Unset):
        type_ (GetAdminOperationsType | Unset):
        user_id (UUID | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminOperationPageEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        status=status,
        type_=type_,
        user_id=user_id,
        wallet_id=wallet_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetAdminOperationsStatus | Unset = UNSET,
    type_: GetAdminOperationsType | Unset = UNSET,
    user_id: UUID | Unset = UNSET,
    wallet_id: str | Unset = UNSET,
) -> AdminOperationPageEnvelope | ErrorEnvelope | None:
    """List every operation, newest first (moderator and above)

     Filters: `status`, `type`, `user_id`, `wallet_id`.

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetAdminOperationsStatus | Unset):
        type_ (GetAdminOperationsType | Unset):
        user_id (UUID | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminOperationPageEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            status=status,
            type_=type_,
            user_id=user_id,
            wallet_id=wallet_id,
        )
    ).parsed
