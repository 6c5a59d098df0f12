from enum import StrEnum


class KycSubmitDocType(StrEnum):
    AADHAAR = "aadhaar"
    DRIVING_LICENSE = "driving_license"
    PAN = "pan"
    PASSPORT = "passport"
    VOTER_ID = "voter_id"

    def __str__(self) -> str:
        return str(self.value)
