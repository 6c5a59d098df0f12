from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.kyc_document_envelope import KycDocumentEnvelope
from ...types import Response


def _get_kwargs(
    submission_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/kyc/{submission_id}".format(
            submission_id=quote(str(submission_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | KycDocumentEnvelope:
    if response.status_code == 200:
        response_200 = KycDocumentEnvelope.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | KycDocumentEnvelope]:
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
) -> Response[ErrorEnvelope | KycDocumentEnvelope]:
    """Open a KYC submission with its decrypted number (moderator and above)

     Every read writes a VIEWED_KYC_DOCUMENT audit row. The response is not cacheable.
    A moderator's own submission is refused (403 SELF_ACTION_NOT_ALLOWED) like any
    privileged action on it: opening it here would put an audited review of their
    own identity on record; they see their submission through `GET /kyc/status`.

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | KycDocumentEnvelope]
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
) -> ErrorEnvelope | KycDocumentEnvelope | None:
    """Open a KYC submission with its decrypted number (moderator and above)

     Every read writes a VIEWED_KYC_DOCUMENT audit row. The response is not cacheable.
    A moderator's own submission is refused (403 SELF_ACTION_NOT_ALLOWED) like any
    privileged action on it: opening it here would put an audited review of their
    own identity on record; they see their submission through `GET /kyc/status`.

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | KycDocumentEnvelope
    """

    return sync_detailed(
        submission_id=submission_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    submission_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | KycDocumentEnvelope]:
    """Open a KYC submission with its decrypted number (moderator and above)

     Every read writes a VIEWED_KYC_DOCUMENT audit row. The response is not cacheable.
    A moderator's own submission is refused (403 SELF_ACTION_NOT_ALLOWED) like any
    privileged action on it: opening it here would put an audited review of their
    own identity on record; they see their submission through `GET /kyc/status`.

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | KycDocumentEnvelope]
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
) -> ErrorEnvelope | KycDocumentEnvelope | None:
    """Open a KYC submission with its decrypted number (moderator and above)

     Every read writes a VIEWED_KYC_DOCUMENT audit row. The response is not cacheable.
    A moderator's own submission is refused (403 SELF_ACTION_NOT_ALLOWED) like any
    privileged action on it: opening it here would put an audited review of their
    own identity on record; they see their submission through `GET /kyc/status`.

    Args:
        submission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | KycDocumentEnvelope
    """

    return (
        await asyncio_detailed(
            submission_id=submission_id,
            client=client,
        )
    ).parsed
