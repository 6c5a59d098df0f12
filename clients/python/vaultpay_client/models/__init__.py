"""Contains all the data models used in inputs/outputs"""

from .admin_balance import AdminBalance
from .admin_balance_envelope import AdminBalanceEnvelope
from .admin_dispute import AdminDispute
from .admin_dispute_category import AdminDisputeCategory
from .admin_dispute_envelope import AdminDisputeEnvelope
from .admin_dispute_page import AdminDisputePage
from .admin_dispute_page_envelope import AdminDisputePageEnvelope
from .admin_dispute_refund_status_type_1 import AdminDisputeRefundStatusType1
from .admin_dispute_refund_status_type_2_type_1 import AdminDisputeRefundStatusType2Type1
from .admin_dispute_refund_status_type_3_type_1 import AdminDisputeRefundStatusType3Type1
from .admin_dispute_resolution_type_1 import AdminDisputeResolutionType1
from .admin_dispute_resolution_type_2_type_1 import AdminDisputeResolutionType2Type1
from .admin_dispute_resolution_type_3_type_1 import AdminDisputeResolutionType3Type1
from .admin_dispute_status import AdminDisputeStatus
from .admin_limit import AdminLimit
from .admin_limit_action import AdminLimitAction
from .admin_operation import AdminOperation
from .admin_operation_error_type_0_type_0 import AdminOperationErrorType0Type0
from .admin_operation_page import AdminOperationPage
from .admin_operation_page_envelope import AdminOperationPageEnvelope
from .admin_operation_result_type_0_type_0 import AdminOperationResultType0Type0
from .admin_operation_status import AdminOperationStatus
from .admin_operation_type import AdminOperationType
from .admin_rate import AdminRate
from .admin_rate_envelope import AdminRateEnvelope
from .admin_wallet import AdminWallet
from .admin_wallet_detail import AdminWalletDetail
from .admin_wallet_detail_envelope import AdminWalletDetailEnvelope
from .admin_wallet_detail_freeze_reason_type_1 import AdminWalletDetailFreezeReasonType1
from .admin_wallet_detail_freeze_reason_type_2_type_1 import AdminWalletDetailFreezeReasonType2Type1
from .admin_wallet_detail_freeze_reason_type_3_type_1 import AdminWalletDetailFreezeReasonType3Type1
from .admin_wallet_detail_status import AdminWalletDetailStatus
from .admin_wallet_envelope import AdminWalletEnvelope
from .admin_wallet_freeze_reason_type_1 import AdminWalletFreezeReasonType1
from .admin_wallet_freeze_reason_type_2_type_1 import AdminWalletFreezeReasonType2Type1
from .admin_wallet_freeze_reason_type_3_type_1 import AdminWalletFreezeReasonType3Type1
from .admin_wallet_page import AdminWalletPage
from .admin_wallet_page_envelope import AdminWalletPageEnvelope
from .admin_wallet_status import AdminWalletStatus
from .audit_log import AuditLog
from .audit_log_after_state_type_0 import AuditLogAfterStateType0
from .audit_log_before_state_type_0 import AuditLogBeforeStateType0
from .audit_log_page import AuditLogPage
from .audit_log_page_envelope import AuditLogPageEnvelope
from .balance import Balance
from .balance_envelope import BalanceEnvelope
from .capture import Capture
from .chain_check import ChainCheck
from .chain_check_envelope import ChainCheckEnvelope
from .change_pin import ChangePin
from .confirm_ip import ConfirmIp
from .create_limit import CreateLimit
from .create_limit_action import CreateLimitAction
from .create_wallet import CreateWallet
from .create_webhook import CreateWebhook
from .create_webhook_events_item import CreateWebhookEventsItem
from .created_webhook import CreatedWebhook
from .created_webhook_envelope import CreatedWebhookEnvelope
from .created_webhook_events_item import CreatedWebhookEventsItem
from .deactivation import Deactivation
from .dispute import Dispute
from .dispute_category import DisputeCategory
from .dispute_envelope import DisputeEnvelope
from .dispute_page import DisputePage
from .dispute_page_envelope import DisputePageEnvelope
from .dispute_refund_status_type_1 import DisputeRefundStatusType1
from .dispute_refund_status_type_2_type_1 import DisputeRefundStatusType2Type1
from .dispute_refund_status_type_3_type_1 import DisputeRefundStatusType3Type1
from .dispute_resolution_type_1 import DisputeResolutionType1
from .dispute_resolution_type_2_type_1 import DisputeResolutionType2Type1
from .dispute_resolution_type_3_type_1 import DisputeResolutionType3Type1
from .dispute_status import DisputeStatus
from .empty_envelope import EmptyEnvelope
from .error_envelope import ErrorEnvelope
from .error_envelope_details import ErrorEnvelopeDetails
from .freeze import Freeze
from .get_admin_disputes_status import GetAdminDisputesStatus
from .get_admin_kyc_status import GetAdminKycStatus
from .get_admin_limits_action import GetAdminLimitsAction
from .get_admin_limits_source import GetAdminLimitsSource
from .get_admin_operations_status import GetAdminOperationsStatus
from .get_admin_operations_type import GetAdminOperationsType
from .get_admin_transactions_category import GetAdminTransactionsCategory
from .get_admin_transactions_status import GetAdminTransactionsStatus
from .get_admin_transactions_type import GetAdminTransactionsType
from .get_admin_users_role import GetAdminUsersRole
from .get_admin_wallets_status import GetAdminWalletsStatus
from .get_disputes_status import GetDisputesStatus
from .get_healthz_response_200 import GetHealthzResponse200
from .get_healthz_response_200_data import GetHealthzResponse200Data
from .get_holds_role import GetHoldsRole
from .get_holds_status import GetHoldsStatus
from .get_operations_status import GetOperationsStatus
from .get_operations_type import GetOperationsType
from .get_payouts_payout_id_items_status import GetPayoutsPayoutIdItemsStatus
from .get_payouts_status import GetPayoutsStatus
from .get_readyz_response_200 import GetReadyzResponse200
from .get_readyz_response_200_data import GetReadyzResponse200Data
from .get_transactions_history_category import GetTransactionsHistoryCategory
from .get_transactions_history_type import GetTransactionsHistoryType
from .get_transactions_statement_format import GetTransactionsStatementFormat
from .hold import Hold
from .hold_envelope import HoldEnvelope
from .hold_page import HoldPage
from .hold_page_envelope import HoldPageEnvelope
from .hold_status import HoldStatus
from .kyc_document import KycDocument
from .kyc_document_auto_check_status_type_1 import KycDocumentAutoCheckStatusType1
from .kyc_document_auto_check_status_type_2_type_1 import KycDocumentAutoCheckStatusType2Type1
from .kyc_document_auto_check_status_type_3_type_1 import KycDocumentAutoCheckStatusType3Type1
from .kyc_document_doc_type import KycDocumentDocType
from .kyc_document_envelope import KycDocumentEnvelope
from .kyc_document_review_state import KycDocumentReviewState
from .kyc_document_status import KycDocumentStatus
from .kyc_reject import KycReject
from .kyc_review import KycReview
from .kyc_review_auto_check_status_type_1 import KycReviewAutoCheckStatusType1
from .kyc_review_auto_check_status_type_2_type_1 import KycReviewAutoCheckStatusType2Type1
from .kyc_review_auto_check_status_type_3_type_1 import KycReviewAutoCheckStatusType3Type1
from .kyc_review_doc_type import KycReviewDocType
from .kyc_review_envelope import KycReviewEnvelope
from .kyc_review_page import KycReviewPage
from .kyc_review_page_envelope import KycReviewPageEnvelope
from .kyc_review_review_state import KycReviewReviewState
from .kyc_review_status import KycReviewStatus
from .kyc_status import KycStatus
from .kyc_status_doc_type_type_1 import KycStatusDocTypeType1
from .kyc_status_doc_type_type_2_type_1 import KycStatusDocTypeType2Type1
from .kyc_status_doc_type_type_3_type_1 import KycStatusDocTypeType3Type1
from .kyc_status_envelope import KycStatusEnvelope
from .kyc_status_status import KycStatusStatus
from .kyc_submit import KycSubmit
from .kyc_submit_doc_type import KycSubmitDocType
from .kyc_submitted import KycSubmitted
from .kyc_submitted_doc_type import KycSubmittedDocType
from .kyc_submitted_envelope import KycSubmittedEnvelope
from .kyc_submitted_status import KycSubmittedStatus
from .limit import Limit
from .limit_action import LimitAction
from .limit_envelope import LimitEnvelope
from .limit_list_envelope import LimitListEnvelope
from .limit_source import LimitSource
from .limit_values import LimitValues
from .login import Login
from .marked import Marked
from .marked_envelope import MarkedEnvelope
from .notification import Notification
from .notification_envelope import NotificationEnvelope
from .notification_metadata import NotificationMetadata
from .notification_page import NotificationPage
from .notification_page_envelope import NotificationPageEnvelope
from .operation import Operation
from .operation_envelope import OperationEnvelope
from .operation_error import OperationError
from .operation_error_type_0_type_0 import OperationErrorType0Type0
from .operation_page import OperationPage
from .operation_page_envelope import OperationPageEnvelope
from .operation_result import OperationResult
from .operation_result_type_0_type_0 import OperationResultType0Type0
from .operation_status import OperationStatus
from .operation_type import OperationType
from .pagination_metadata import PaginationMetadata
from .payout import Payout
from .payout_create import PayoutCreate
from .payout_envelope import PayoutEnvelope
from .payout_item import PayoutItem
from .payout_item_error import PayoutItemError
from .payout_item_view import PayoutItemView
from .payout_item_view_error_type_0_type_0 import PayoutItemViewErrorType0Type0
from .payout_item_view_page import PayoutItemViewPage
from .payout_item_view_page_envelope import PayoutItemViewPageEnvelope
from .payout_item_view_status import PayoutItemViewStatus
from .payout_page import PayoutPage
from .payout_page_envelope import PayoutPageEnvelope
from .payout_status import PayoutStatus
from .pin_reset import PinReset
from .pin_reset_envelope import PinResetEnvelope
from .pin_status import PinStatus
from .pin_status_envelope import PinStatusEnvelope
from .pin_valid import PinValid
from .pin_valid_envelope import PinValidEnvelope
from .place_hold import PlaceHold
from .public_wallet import PublicWallet
from .public_wallet_envelope import PublicWalletEnvelope
from .public_wallet_status import PublicWalletStatus
from .quote import Quote
from .quote_envelope import QuoteEnvelope
from .quote_request import QuoteRequest
from .raise_dispute import RaiseDispute
from .rate import Rate
from .rate_update import RateUpdate
from .rates import Rates
from .rates_envelope import RatesEnvelope
from .reconciliation_run import ReconciliationRun
from .reconciliation_run_envelope import ReconciliationRunEnvelope
from .reconciliation_run_trigger import ReconciliationRunTrigger
from .refresh import Refresh
from .register import Register
from .reset_pin import ResetPin
from .resolve_dispute import ResolveDispute
from .resolve_dispute_resolution import ResolveDisputeResolution
from .role_change import RoleChange
from .role_change_role import RoleChangeRole
from .send import Send
from .set_pin import SetPin
from .setting import Setting
from .setting_change import SettingChange
from .setting_envelope import SettingEnvelope
from .setting_list_envelope import SettingListEnvelope
from .statement import Statement
from .statement_envelope import StatementEnvelope
from .stats import Stats
from .stats_envelope import StatsEnvelope
from .stats_operations_by_status import StatsOperationsByStatus
from .stats_total_transaction_volume import StatsTotalTransactionVolume
from .stats_transaction_volume_by_currency import StatsTransactionVolumeByCurrency
from .stats_transaction_volume_by_currency_additional_property import StatsTransactionVolumeByCurrencyAdditionalProperty
from .stored_limit import StoredLimit
from .stored_limit_action import StoredLimitAction
from .stored_limit_envelope import StoredLimitEnvelope
from .stored_limit_page import StoredLimitPage
from .stored_limit_page_envelope import StoredLimitPageEnvelope
from .stored_limit_source import StoredLimitSource
from .token_pair import TokenPair
from .token_pair_envelope import TokenPairEnvelope
from .token_pair_token_type import TokenPairTokenType
from .topup import Topup
from .topup_metadata import TopupMetadata
from .topup_payment_method import TopupPaymentMethod
from .transaction import Transaction
from .transaction_category import TransactionCategory
from .transaction_envelope import TransactionEnvelope
from .transaction_list_envelope import TransactionListEnvelope
from .transaction_metadata import TransactionMetadata
from .transaction_page import TransactionPage
from .transaction_page_envelope import TransactionPageEnvelope
from .transaction_type import TransactionType
from .trusted_ip import TrustedIp
from .trusted_ip_envelope import TrustedIpEnvelope
from .trusted_ip_page import TrustedIpPage
from .trusted_ip_page_envelope import TrustedIpPageEnvelope
from .unfreeze import Unfreeze
from .unread_count import UnreadCount
from .unread_count_envelope import UnreadCountEnvelope
from .update_limit import UpdateLimit
from .user import User
from .user_envelope import UserEnvelope
from .user_page import UserPage
from .user_page_envelope import UserPageEnvelope
from .user_role import UserRole
from .verify_pin import VerifyPin
from .violation import Violation
from .violation_invariant import ViolationInvariant
from .void import Void
from .wallet import Wallet
from .wallet_envelope import WalletEnvelope
from .wallet_freeze_reason_type_1 import WalletFreezeReasonType1
from .wallet_freeze_reason_type_2_type_1 import WalletFreezeReasonType2Type1
from .wallet_freeze_reason_type_3_type_1 import WalletFreezeReasonType3Type1
from .wallet_status import WalletStatus
from .webhook import Webhook
from .webhook_envelope import WebhookEnvelope
from .webhook_events_item import WebhookEventsItem
from .webhook_page import WebhookPage
from .webhook_page_envelope import WebhookPageEnvelope
from .withdraw import Withdraw

__all__ = (
    "AdminBalance",
    "AdminBalanceEnvelope",
    "AdminDispute",
    "AdminDisputeCategory",
    "AdminDisputeEnvelope",
    "AdminDisputePage",
    "AdminDisputePageEnvelope",
    "AdminDisputeRefundStatusType1",
    "AdminDisputeRefundStatusType2Type1",
    "AdminDisputeRefundStatusType3Type1",
    "AdminDisputeResolutionType1",
    "AdminDisputeResolutionType2Type1",
    "AdminDisputeResolutionType3Type1",
    "AdminDisputeStatus",
    "AdminLimit",
    "AdminLimitAction",
    "AdminOperation",
    "AdminOperationErrorType0Type0",
    "AdminOperationPage",
    "AdminOperationPageEnvelope",
    "AdminOperationResultType0Type0",
    "AdminOperationStatus",
    "AdminOperationType",
    "AdminRate",
    "AdminRateEnvelope",
    "AdminWallet",
    "AdminWalletDetail",
    "AdminWalletDetailEnvelope",
    "AdminWalletDetailFreezeReasonType1",
    "AdminWalletDetailFreezeReasonType2Type1",
    "AdminWalletDetailFreezeReasonType3Type1",
    "AdminWalletDetailStatus",
    "AdminWalletEnvelope",
    "AdminWalletFreezeReasonType1",
    "AdminWalletFreezeReasonType2Type1",
    "AdminWalletFreezeReasonType3Type1",
    "AdminWalletPage",
    "AdminWalletPageEnvelope",
    "AdminWalletStatus",
    "AuditLog",
    "AuditLogAfterStateType0",
    "AuditLogBeforeStateType0",
    "AuditLogPage",
    "AuditLogPageEnvelope",
    "Balance",
    "BalanceEnvelope",
    "Capture",
    "ChainCheck",
    "ChainCheckEnvelope",
    "ChangePin",
    "ConfirmIp",
    "CreatedWebhook",
    "CreatedWebhookEnvelope",
    "CreatedWebhookEventsItem",
    "CreateLimit",
    "CreateLimitAction",
    "CreateWallet",
    "CreateWebhook",
    "CreateWebhookEventsItem",
    "Deactivation",
    "Dispute",
    "DisputeCategory",
    "DisputeEnvelope",
    "DisputePage",
    "DisputePageEnvelope",
    "DisputeRefundStatusType1",
    "DisputeRefundStatusType2Type1",
    "DisputeRefundStatusType3Type1",
    "DisputeResolutionType1",
    "DisputeResolutionType2Type1",
    "DisputeResolutionType3Type1",
    "DisputeStatus",
    "EmptyEnvelope",
    "ErrorEnvelope",
    "ErrorEnvelopeDetails",
    "Freeze",
    "GetAdminDisputesStatus",
    "GetAdminKycStatus",
    "GetAdminLimitsAction",
    "GetAdminLimitsSource",
    "GetAdminOperationsStatus",
    "GetAdminOperationsType",
    "GetAdminTransactionsCategory",
    "GetAdminTransactionsStatus",
    "GetAdminTransactionsType",
    "GetAdminUsersRole",
    "GetAdminWalletsStatus",
    "GetDisputesStatus",
    "GetHealthzResponse200",
    "GetHealthzResponse200Data",
    "GetHoldsRole",
    "GetHoldsStatus",
    "GetOperationsStatus",
    "GetOperationsType",
    "GetPayoutsPayoutIdItemsStatus",
    "GetPayoutsStatus",
    "GetReadyzResponse200",
    "GetReadyzResponse200Data",
    "GetTransactionsHistoryCategory",
    "GetTransactionsHistoryType",
    "GetTransactionsStatementFormat",
    "Hold",
    "HoldEnvelope",
    "HoldPage",
    "HoldPageEnvelope",
    "HoldStatus",
    "KycDocument",
    "KycDocumentAutoCheckStatusType1",
    "KycDocumentAutoCheckStatusType2Type1",
    "KycDocumentAutoCheckStatusType3Type1",
    "KycDocumentDocType",
    "KycDocumentEnvelope",
    "KycDocumentReviewState",
    "KycDocumentStatus",
    "KycReject",
    "KycReview",
    "KycReviewAutoCheckStatusType1",
    "KycReviewAutoCheckStatusType2Type1",
    "KycReviewAutoCheckStatusType3Type1",
    "KycReviewDocType",
    "KycReviewEnvelope",
    "KycReviewPage",
    "KycReviewPageEnvelope",
    "KycReviewReviewState",
    "KycReviewStatus",
    "KycStatus",
    "KycStatusDocTypeType1",
    "KycStatusDocTypeType2Type1",
    "KycStatusDocTypeType3Type1",
    "KycStatusEnvelope",
    "KycStatusStatus",
    "KycSubmit",
    "KycSubmitDocType",
    "KycSubmitted",
    "KycSubmittedDocType",
    "KycSubmittedEnvelope",
    "KycSubmittedStatus",
    "Limit",
    "LimitAction",
    "LimitEnvelope",
    "LimitListEnvelope",
    "LimitSource",
    "LimitValues",
    "Login",
    "Marked",
    "MarkedEnvelope",
    "Notification",
    "NotificationEnvelope",
    "NotificationMetadata",
    "NotificationPage",
    "NotificationPageEnvelope",
    "Operation",
    "OperationEnvelope",
    "OperationError",
    "OperationErrorType0Type0",
    "OperationPage",
    "OperationPageEnvelope",
    "OperationResult",
    "OperationResultType0Type0",
    "OperationStatus",
    "OperationType",
    "PaginationMetadata",
    "Payout",
    "PayoutCreate",
    "PayoutEnvelope",
    "PayoutItem",
    "PayoutItemError",
    "PayoutItemView",
    "PayoutItemViewErrorType0Type0",
    "PayoutItemViewPage",
    "PayoutItemViewPageEnvelope",
    "PayoutItemViewStatus",
    "PayoutPage",
    "PayoutPageEnvelope",
    "PayoutStatus",
    "PinReset",
    "PinResetEnvelope",
    "PinStatus",
    "PinStatusEnvelope",
    "PinValid",
    "PinValidEnvelope",
    "PlaceHold",
    "PublicWallet",
    "PublicWalletEnvelope",
    "PublicWalletStatus",
    "Quote",
    "QuoteEnvelope",
    "QuoteRequest",
    "RaiseDispute",
    "Rate",
    "Rates",
    "RatesEnvelope",
    "RateUpdate",
    "ReconciliationRun",
    "ReconciliationRunEnvelope",
    "ReconciliationRunTrigger",
    "Refresh",
    "Register",
    "ResetPin",
    "ResolveDispute",
    "ResolveDisputeResolution",
    "RoleChange",
    "RoleChangeRole",
    "Send",
    "SetPin",
    "Setting",
    "SettingChange",
    "SettingEnvelope",
    "SettingListEnvelope",
    "Statement",
    "StatementEnvelope",
    "Stats",
    "StatsEnvelope",
    "StatsOperationsByStatus",
    "StatsTotalTransactionVolume",
    "StatsTransactionVolumeByCurrency",
    "StatsTransactionVolumeByCurrencyAdditionalProperty",
    "StoredLimit",
    "StoredLimitAction",
    "StoredLimitEnvelope",
    "StoredLimitPage",
    "StoredLimitPageEnvelope",
    "StoredLimitSource",
    "TokenPair",
    "TokenPairEnvelope",
    "TokenPairTokenType",
    "Topup",
    "TopupMetadata",
    "TopupPaymentMethod",
    "Transaction",
    "TransactionCategory",
    "TransactionEnvelope",
    "TransactionListEnvelope",
    "TransactionMetadata",
    "TransactionPage",
    "TransactionPageEnvelope",
    "TransactionType",
    "TrustedIp",
    "TrustedIpEnvelope",
    "TrustedIpPage",
    "TrustedIpPageEnvelope",
    "Unfreeze",
    "UnreadCount",
    "UnreadCountEnvelope",
    "UpdateLimit",
    "User",
    "UserEnvelope",
    "UserPage",
    "UserPageEnvelope",
    "UserRole",
    "VerifyPin",
    "Violation",
    "ViolationInvariant",
    "Void",
    "Wallet",
    "WalletEnvelope",
    "WalletFreezeReasonType1",
    "WalletFreezeReasonType2Type1",
    "WalletFreezeReasonType3Type1",
    "WalletStatus",
    "Webhook",
    "WebhookEnvelope",
    "WebhookEventsItem",
    "WebhookPage",
    "WebhookPageEnvelope",
    "Withdraw",
)
