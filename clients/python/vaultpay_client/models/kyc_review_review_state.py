from enum import StrEnum


class KycReviewReviewState(StrEnum):
    AWAITING_CHECKS = "awaiting_checks"
    AWAITING_MODERATOR = "awaiting_moderator"
    DECIDED = "decided"

    def __str__(self) -> str:
        return str(self.value)
