import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.audit_log_page_envelope import AuditLogPageEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    actor_id: UUID | Unset = UNSET,
    target_type: str | Unset = UNSET,
    target_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["per_page"] = per_page

    json_actor_id: str | Unset = UNSET
    if not isinstance(actor_id, Unset):
        json_actor_id = str(actor_id)
    params["actor_id"] = json_actor_id

    params["target_type"] = target_type

    params["target_id"] = target_id

    params["action"] = action

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["start_date"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["end_date"] = json_end_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/audit-logs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditLogPageEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = AuditLogPageEnvelope.from_dict(response.json())

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
) -> Response[AuditLogPageEnvelope | ErrorEnvelope]:
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
    actor_id: UUID | Unset = UNSET,
    target_type: str | Unset = UNSET,
    target_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> Response[AuditLogPageEnvelope | ErrorEnvelope]:
    """List audit rows, newest first (admin and above)

     Filters: `actor_id`, `target_type`, `target_id`, `action`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        actor_id (UUID | Unset):
        target_type (str | Unset):  Example: wallet.
        target_id (str | Unset):
        action (str | Unset):  Example: FREEZE_WALLET.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditLogPageEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        actor_id=actor_id,
        target_type=target_type,
        target_id=target_id,
        action=action,
        start_date=start_date,
        end_date=end_date,
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
    actor_id: UUID | Unset = UNSET,
    target_type: str | Unset = UNSET,
    target_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> AuditLogPageEnvelope | ErrorEnvelope | None:
    """List audit rows, newest first (admin and above)

     Filters: `actor_id`, `target_type`, `target_id`, `action`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        actor_id (UUID | Unset):
        target_type (str | Unset):  Example: wallet.
        target_id (str | Unset):
        action (str | Unset):  Example: FREEZE_WALLET.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditLogPageEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        actor_id=actor_id,
        target_type=target_type,
        target_id=target_id,
        action=action,
        start_date=start_date,
        end_date=end_date,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    actor_id: UUID | Unset = UNSET,
    target_type: str | Unset = UNSET,
    target_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> Response[AuditLogPageEnvelope | ErrorEnvelope]:
    """List audit rows, newest first (admin and above)

     Filters: `actor_id`, `target_type`, `target_id`, `action`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        actor_id (UUID | Unset):
        target_type (str | Unset):  Example: wallet.
        target_id (str | Unset):
        action (str | Unset):  Example: FREEZE_WALLET.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditLogPageEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        actor_id=actor_id,
        target_type=target_type,
        target_id=target_id,
        action=action,
        start_date=start_date,
        end_date=end_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
    actor_id: UUID | Unset = UNSET,
    target_type: str | Unset = UNSET,
    target_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> AuditLogPageEnvelope | ErrorEnvelope | None:
    """List audit rows, newest first (admin and above)

     Filters: `actor_id`, `target_type`, `target_id`, `action`, and `start_date` /
    `end_date` (whole days in the business timezone, both inclusive).

    Args:
        page (int | Unset):  Default: 1.
        per_page (int | Unset):  Default: 20.
        actor_id (UUID | Unset):
        target_type (str | Unset):  Example: wallet.
        target_id (str | Unset):
        action (str | Unset):  Example: FREEZE_WALLET.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditLogPageEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            actor_id=actor_id,
            target_type=target_type,
            target_id=target_id,
            action=action,
            start_date=start_date,
            end_date=end_date,
        )
    ).parsed
