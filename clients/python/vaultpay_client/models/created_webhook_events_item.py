from enum import StrEnum


class CreatedWebhookEventsItem(StrEnum):
    DISPUTE_RESOLVED = "dispute.resolved"
    KYC_DECIDED = "kyc.decided"
    OPERATION_COMPLETED = "operation.completed"
    OPERATION_FAILED = "operation.failed"
    TRANSACTION_CREDITED = "transaction.credited"

    def __str__(self) -> str:
        return str(self.value)
