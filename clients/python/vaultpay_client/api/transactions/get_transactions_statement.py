import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.get_transactions_statement_format import GetTransactionsStatementFormat
from ...models.statement_envelope import StatementEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: GetTransactionsStatementFormat | Unset = GetTransactionsStatementFormat.CSV,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

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
        "url": "/api/v1/transactions/statement",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | StatementEnvelope:
    if response.status_code == 200:
        response_200 = StatementEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | StatementEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    format_: GetTransactionsStatementFormat | Unset = GetTransactionsStatementFormat.CSV,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> Response[ErrorEnvelope | StatementEnvelope]:
    """Your statement for a period: opening and closing balances, credits, debits and rows

     `format=csv` (the default) is a download: the summary as `name,value` lines,
    an empty line, then a header and one line per ledger row, oldest first (cells a
    spreadsheet would run as a formula start with a quote). `format=json` is the
    same in the envelope. Both are streamed. Days are whole days in the business
    timezone, both inclusive; `opening_balance + total_credits - total_debits =
    closing_balance` always holds for the rows listed. A statement that ends today
    is the ledger as it stands when the statement is read.

    Args:
        format_ (GetTransactionsStatementFormat | Unset):  Default:
            GetTransactionsStatementFormat.CSV.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StatementEnvelope]
    """

    kwargs = _get_kwargs(
        format_=format_,
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
    format_: GetTransactionsStatementFormat | Unset = GetTransactionsStatementFormat.CSV,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> ErrorEnvelope | StatementEnvelope | None:
    """Your statement for a period: opening and closing balances, credits, debits and rows

     `format=csv` (the default) is a download: the summary as `name,value` lines,
    an empty line, then a header and one line per ledger row, oldest first (cells a
    spreadsheet would run as a formula start with a quote). `format=json` is the
    same in the envelope. Both are streamed. Days are whole days in the business
    timezone, both inclusive; `opening_balance + total_credits - total_debits =
    closing_balance` always holds for the rows listed. A statement that ends today
    is the ledger as it stands when the statement is read.

    Args:
        format_ (GetTransactionsStatementFormat | Unset):  Default:
            GetTransactionsStatementFormat.CSV.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StatementEnvelope
    """

    return sync_detailed(
        client=client,
        format_=format_,
        start_date=start_date,
        end_date=end_date,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: GetTransactionsStatementFormat | Unset = GetTransactionsStatementFormat.CSV,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> Response[ErrorEnvelope | StatementEnvelope]:
    """Your statement for a period: opening and closing balances, credits, debits and rows

     `format=csv` (the default) is a download: the summary as `name,value` lines,
    an empty line, then a header and one line per ledger row, oldest first (cells a
    spreadsheet would run as a formula start with a quote). `format=json` is the
    same in the envelope. Both are streamed. Days are whole days in the business
    timezone, both inclusive; `opening_balance + total_credits - total_debits =
    closing_balance` always holds for the rows listed. A statement that ends today
    is the ledger as it stands when the statement is read.

    Args:
        format_ (GetTransactionsStatementFormat | Unset):  Default:
            GetTransactionsStatementFormat.CSV.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StatementEnvelope]
    """

    kwargs = _get_kwargs(
        format_=format_,
        start_date=start_date,
        end_date=end_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: GetTransactionsStatementFormat | Unset = GetTransactionsStatementFormat.CSV,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> ErrorEnvelope | StatementEnvelope | None:
    """Your statement for a period: opening and closing balances, credits, debits and rows

     `format=csv` (the default) is a download: the summary as `name,value` lines,
    an empty line, then a header and one line per ledger row, oldest first (cells a
    spreadsheet would run as a formula start with a quote). `format=json` is the
    same in the envelope. Both are streamed. Days are whole days in the business
    timezone, both inclusive; `opening_balance + total_credits - total_debits =
    closing_balance` always holds for the rows listed. A statement that ends today
    is the ledger as it stands when the statement is read.

    Args:
        format_ (GetTransactionsStatementFormat | Unset):  Default:
            GetTransactionsStatementFormat.CSV.
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StatementEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            start_date=start_date,
            end_date=end_date,
        )
    ).parsed
