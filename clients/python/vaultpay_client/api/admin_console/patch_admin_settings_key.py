from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.setting_change import SettingChange
from ...models.setting_envelope import SettingEnvelope
from ...types import Response


def _get_kwargs(
    key: str,
    *,
    body: SettingChange,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/admin/settings/{key}".format(
            key=quote(str(key), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | SettingEnvelope:
    if response.status_code == 200:
        response_200 = SettingEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | SettingEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key: str,
    *,
    client: AuthenticatedClient,
    body: SettingChange,
) -> Response[ErrorEnvelope | SettingEnvelope]:
    """Change a system setting (super admin only)

     The value is checked against the setting's type (limits: positive amounts as
    strings with at most two decimals, per_transaction <= daily <= monthly). Takes
    effect at once: readers read the table on every request. Writes an
    UPDATE_SETTING audit row with the value before and after.

    Args:
        key (str):
        body (SettingChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SettingEnvelope]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    key: str,
    *,
    client: AuthenticatedClient,
    body: SettingChange,
) -> ErrorEnvelope | SettingEnvelope | None:
    """Change a system setting (super admin only)

     The value is checked against the setting's type (limits: positive amounts as
    strings with at most two decimals, per_transaction <= daily <= monthly). Takes
    effect at once: readers read the table on every request. Writes an
    UPDATE_SETTING audit row with the value before and after.

    Args:
        key (str):
        body (SettingChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SettingEnvelope
    """

    return sync_detailed(
        key=key,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    key: str,
    *,
    client: AuthenticatedClient,
    body: SettingChange,
) -> Response[ErrorEnvelope | SettingEnvelope]:
    """Change a system setting (super admin only)

     The value is checked against the setting's type (limits: positive amounts as
    strings with at most two decimals, per_transaction <= daily <= monthly). Takes
    effect at once: readers read the table on every request. Writes an
    UPDATE_SETTING audit row with the value before and after.

    Args:
        key (str):
        body (SettingChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SettingEnvelope]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key: str,
    *,
    client: AuthenticatedClient,
    body: SettingChange,
) -> ErrorEnvelope | SettingEnvelope | None:
    """Change a system setting (super admin only)

     The value is checked against the setting's type (limits: positive amounts as
    strings with at most two decimals, per_transaction <= daily <= monthly). Takes
    effect at once: readers read the table on every request. Writes an
    UPDATE_SETTING audit row with the value before and after.

    Args:
        key (str):
        body (SettingChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SettingEnvelope
    """

    return (
        await asyncio_detailed(
            key=key,
            client=client,
            body=body,
        )
    ).parsed
