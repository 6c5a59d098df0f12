from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.get_operations_status import GetOperationsStatus
from ...models.get_operations_type import GetOperationsType
from ...models.operation_page_envelope import OperationPageEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetOperationsStatus | Unset = UNSET,
    type_: GetOperationsType | Unset = UNSET,
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/operations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | OperationPageEnvelope:
    if response.status_code == 200:
        response_200 = OperationPageEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | OperationPageEnvelope]:
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
    status: GetOperationsStatus | Unset = UNSET,
    type_: GetOperationsType | Unset = UNSET,
) -> Response[ErrorEnvelope | OperationPageEnvelope]:
    """List your operations, newest first

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetOperationsStatus | Unset):
        type_ (GetOperationsType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OperationPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        status=status,
        type_=type_,
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
    status: GetOperationsStatus | Unset = UNSET,
    type_: GetOperationsType | Unset = UNSET,
) -> ErrorEnvelope | OperationPageEnvelope | None:
    """List your operations, newest first

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetOperationsStatus | Unset):
        type_ (GetOperationsType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OperationPageEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        status=status,
        type_=type_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetOperationsStatus | Unset = UNSET,
    type_: GetOperationsType | Unset = UNSET,
) -> Response[ErrorEnvelope | OperationPageEnvelope]:
    """List your operations, newest first

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetOperationsStatus | Unset):
        type_ (GetOperationsType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OperationPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        status=status,
        type_=type_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetOperationsStatus | Unset = UNSET,
    type_: GetOperationsType | Unset = UNSET,
) -> ErrorEnvelope | OperationPageEnvelope | None:
    """List your operations, newest first

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetOperationsStatus | Unset):
        type_ (GetOperationsType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OperationPageEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            status=status,
            type_=type_,
        )
    ).parsed
