from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.kyc_review_envelope import KycReviewEnvelope
from ...types import Response


def _get_kwargs(
    submission_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/admin/kyc/{submission_id}/approve".format(
            submission_id=quote(str(submission_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | KycReviewEnvelope:
    if response.status_code == 200:
        response_200 = KycReviewEnvelope.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | KycReviewEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    submission_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | KycReviewEnvelope]:
    """Approve a pending KYC submission (moderator and above)

     The owner's wallet becomes `kyc_verified` with tier 1 limits; the owner gets a
    notification and an email; an APPROVED_KYC audit row records the change.
    Nobody decides their own submission (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | KycReviewEnvelope]
    """

    kwargs = _get_kwargs(
        submission_id=submission_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    submission_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | KycReviewEnvelope | None:
    """Approve a pending KYC submission (moderator and above)

     The owner's wallet becomes `kyc_verified` with tier 1 limits; the owner gets a
    notification and an email; an APPROVED_KYC audit row records the change.
    Nobody decides their own submission (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | KycReviewEnvelope
    """

    return sync_detailed(
        submission_id=submission_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    submission_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | KycReviewEnvelope]:
    """Approve a pending KYC submission (moderator and above)

     The owner's wallet becomes `kyc_verified` with tier 1 limits; the owner gets a
    notification and an email; an APPROVED_KYC audit row records the change.
    Nobody decides their own submission (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | KycReviewEnvelope]
    """

    kwargs = _get_kwargs(
        submission_id=submission_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    submission_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | KycReviewEnvelope | None:
    """Approve a pending KYC submission (moderator and above)

     The owner's wallet becomes `kyc_verified` with tier 1 limits; the owner gets a
    notification and an email; an APPROVED_KYC audit row records the change.
    Nobody decides their own submission (403 SELF_ACTION_NOT_ALLOWED).

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | KycReviewEnvelope
    """

    return (
        await asyncio_detailed(
            submission_id=submission_id,
            client=client,
        )
    ).parsed
