from enum import StrEnum


class CreatedWebhookEventsItem(StrEnum):
    DISPUTE_RESOLVED = "dispute.resolved"
    HOLD_CAPTURED = "hold.captured"
    HOLD_CREATED = "hold.created"
    HOLD_EXPIRED = "hold.expired"
    HOLD_VOIDED = "hold.voided"
    KYC_DECIDED = "kyc.decided"
    OPERATION_COMPLETED = "operation.completed"
    OPERATION_FAILED = "operation.failed"
    PAYOUT_FINISHED = "payout.finished"
    TRANSACTION_CREDITED = "transaction.credited"

    def __str__(self) -> str:
        return str(self.value)
