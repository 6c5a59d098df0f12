from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.admin_rate_envelope import AdminRateEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...models.rate_update import RateUpdate
from ...types import Response


def _get_kwargs(
    base: str,
    quote: str,
    *,
    body: RateUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/admin/fx/rates/{base}/{quote}".format(
            base=quote(str(base), safe=""),
            quote=quote(str(quote), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminRateEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = AdminRateEnvelope.from_dict(response.json())

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
) -> Response[AdminRateEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    base: str,
    quote: str,
    *,
    client: AuthenticatedClient,
    body: RateUpdate,
) -> Response[AdminRateEnvelope | ErrorEnvelope]:
    """Set a pair's mid rate and spread (admin and above)

     1 `base` = `rate` `quote`. Quotes already given keep their rate. Writes an
    UPDATE_FX_RATE audit row with the rate before and after.

    Args:
        base (str):
        quote (str):
        body (RateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminRateEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        base=base,
        quote=quote,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    base: str,
    quote: str,
    *,
    client: AuthenticatedClient,
    body: RateUpdate,
) -> AdminRateEnvelope | ErrorEnvelope | None:
    """Set a pair's mid rate and spread (admin and above)

     1 `base` = `rate` `quote`. Quotes already given keep their rate. Writes an
    UPDATE_FX_RATE audit row with the rate before and after.

    Args:
        base (str):
        quote (str):
        body (RateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminRateEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        base=base,
        quote=quote,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    base: str,
    quote: str,
    *,
    client: AuthenticatedClient,
    body: RateUpdate,
) -> Response[AdminRateEnvelope | ErrorEnvelope]:
    """Set a pair's mid rate and spread (admin and above)

     1 `base` = `rate` `quote`. Quotes already given keep their rate. Writes an
    UPDATE_FX_RATE audit row with the rate before and after.

    Args:
        base (str):
        quote (str):
        body (RateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminRateEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        base=base,
        quote=quote,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    base: str,
    quote: str,
    *,
    client: AuthenticatedClient,
    body: RateUpdate,
) -> AdminRateEnvelope | ErrorEnvelope | None:
    """Set a pair's mid rate and spread (admin and above)

     1 `base` = `rate` `quote`. Quotes already given keep their rate. Writes an
    UPDATE_FX_RATE audit row with the rate before and after.

    Args:
        base (str):
        quote (str):
        body (RateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminRateEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            base=base,
            quote=quote,
            client=client,
            body=body,
        )
    ).parsed
