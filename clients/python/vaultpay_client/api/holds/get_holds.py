from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.get_holds_role import GetHoldsRole
from ...models.get_holds_status import GetHoldsStatus
from ...models.hold_page_envelope import HoldPageEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetHoldsStatus | Unset = UNSET,
    role: GetHoldsRole | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["per_page"] = per_page

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = role.value

    params["role"] = json_role

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/holds",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HoldPageEnvelope:
    if response.status_code == 200:
        response_200 = HoldPageEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | HoldPageEnvelope]:
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
    status: GetHoldsStatus | Unset = UNSET,
    role: GetHoldsRole | Unset = UNSET,
) -> Response[ErrorEnvelope | HoldPageEnvelope]:
    """List the holds you placed or were given, newest first

     Filters: `status`, and `role` (`payer`: holds you placed; `payee`: holds placed
    for you).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetHoldsStatus | Unset):
        role (GetHoldsRole | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HoldPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        status=status,
        role=role,
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
    status: GetHoldsStatus | Unset = UNSET,
    role: GetHoldsRole | Unset = UNSET,
) -> ErrorEnvelope | HoldPageEnvelope | None:
    """List the holds you placed or were given, newest first

     Filters: `status`, and `role` (`payer`: holds you placed; `payee`: holds placed
    for you).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetHoldsStatus | Unset):
        role (GetHoldsRole | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HoldPageEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        status=status,
        role=role,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetHoldsStatus | Unset = UNSET,
    role: GetHoldsRole | Unset = UNSET,
) -> Response[ErrorEnvelope | HoldPageEnvelope]:
    """List the holds you placed or were given, newest first

     Filters: `status`, and `role` (`payer`: holds you placed; `payee`: holds placed
    for you).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetHoldsStatus | Unset):
        role (GetHoldsRole | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HoldPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        status=status,
        role=role,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    status: GetHoldsStatus | Unset = UNSET,
    role: GetHoldsRole | Unset = UNSET,
) -> ErrorEnvelope | HoldPageEnvelope | None:
    """List the holds you placed or were given, newest first

     Filters: `status`, and `role` (`payer`: holds you placed; `payee`: holds placed
    for you).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        status (GetHoldsStatus | Unset):
        role (GetHoldsRole | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HoldPageEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            status=status,
            role=role,
        )
    ).parsed
