"""KYC documents with no database: formats, Verhoeff, masking, sealing and fingerprints."""
from __future__ import annotations

import base64
import os
import random

import pytest

import settings as settings_module
from domain import errors, kyc
from domain.kyc_crypto import DocumentVault, Sealed, document_context, parse_keys

# --- an independent Verhoeff: the dihedral group D5 computed, not looked up ----------
# Elements 0-4 are rotations, 5-9 reflections; the position permutation is the cycle
# (0 1 5 8 9 4 2 7)(3 6) applied once per position.
_CYCLE = {0: 1, 1: 5, 5: 8, 8: 9, 9: 4, 4: 2, 2: 7, 7: 0, 3: 6, 6: 3}


def _d5(a: int, b: int) -> int:
    if a < 5 and b < 5:
        return (a + b) % 5
    if a < 5:
        return 5 + (a + b - 5) % 5
    if b < 5:
        return 5 + (a - 5 - b) % 5
    return (a - b) % 5


def _permute(digit: int, times: int) -> int:
    for _ in range(times % 8):
        digit = _CYCLE[digit]
    return digit


def _checksum(digits: str, shift: int) -> int:
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _d5(check, _permute(int(digit), position + shift))
    return check


def independent_check_digit(digits: str) -> str:
    check = _checksum(digits, 1)
    return str(next(d for d in range(10) if _d5(check, d) == 0))


def independently_valid(digits: str) -> bool:
    return _checksum(digits, 0) == 0


def random_aadhaar(rng: random.Random) -> str:
    body = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(10))
    return body + independent_check_digit(body)


# --- Verhoeff ------------------------------------------------------------------------
@pytest.mark.parametrize("digits, check", [("236", "3"), ("12345", "1"), ("123456789012", "0")])
def test_published_verhoeff_check_digits(digits, check):
    # Worked examples of the Verhoeff article (236 -> 3) and Rosetta Code's task.
    assert kyc.verhoeff_check_digit(digits) == check == independent_check_digit(digits)
    assert kyc.verhoeff_valid(digits + check)
    assert not kyc.verhoeff_valid(digits + str((int(check) + 1) % 10))


@pytest.mark.parametrize("number", ["999941057058", "499118665246", "234567890124"])
def test_published_sample_aadhaar_numbers_are_accepted(number):
    assert independently_valid(number)
    assert kyc.normalise(kyc.AADHAAR, number) == number


def test_both_implementations_agree_on_random_numbers_and_catch_typos():
    rng = random.Random(7)
    for _ in range(300):
        number = random_aadhaar(rng)
        assert kyc.verhoeff_valid(number) and kyc.normalise(kyc.AADHAAR, number) == number
        position = rng.randrange(1, 12)
        typo = number[:position] + str((int(number[position]) + rng.randint(1, 9)) % 10) \
            + number[position + 1:]
        assert not kyc.verhoeff_valid(typo) and not independently_valid(typo)
        if number[position - 1] != number[position]:
            swapped = (number[:position - 1] + number[position] + number[position - 1]
                       + number[position + 1:])
            assert not kyc.verhoeff_valid(swapped)


# --- formats -------------------------------------------------------------------------
@pytest.mark.parametrize("doc_type, raw, normalised", [
    ("aadhaar", "2345 6789 0124", "234567890124"),
    ("aadhaar", "2345-6789-0124", "234567890124"),
    ("pan", "ABCDE1234F", "ABCDE1234F"),
    ("pan", "abcde1234f", "ABCDE1234F"),
    ("passport", "J8369854", "J8369854"),
    ("passport", "z1234560", "Z1234560"),
    ("driving_license", "MH14 20110062821", "MH1420110062821"),
    ("driving_license", "MH-14-2011-0062821", "MH1420110062821"),
    ("driving_license", "KA0119990000001", "KA0119990000001"),
    ("voter_id", "ABC1234567", "ABC1234567"),
    ("voter_id", " abc 1234567 ", "ABC1234567"),
])
def test_valid_numbers_are_normalised(doc_type, raw, normalised):
    assert kyc.normalise(doc_type, raw) == normalised


@pytest.mark.parametrize("doc_type, raw", [
    ("aadhaar", "234567890125"),          # wrong check digit
    ("aadhaar", "134567890124"),          # starts with 1
    ("aadhaar", "034567890124"),          # starts with 0
    ("aadhaar", "23456789012"),           # 11 digits
    ("aadhaar", "2345678901240"),         # 13 digits
    ("aadhaar", "234567890124\n"),        # a trailing newline is not a separator
    ("aadhaar", "२३४५६७८९०१२४"),          # Devanagari digits
    ("aadhaar", "２３４５６７８９０１２４"),  # full-width digits
    ("aadhaar", "2345.6789.0124"),
    ("pan", "ABCD1234F"),
    ("pan", "ABCDE12345"),
    ("pan", "1BCDE1234F"),
    ("pan", "ıBCDE1234F"),                # dotless i would upper-case to ASCII I
    ("passport", "K123456"),
    ("passport", "88369854"),
    ("passport", "JJ369854"),
    ("driving_license", "MH1418110062821"),  # year 1811
    ("driving_license", "MH142011006282"),   # serial too short
    ("driving_license", "M11420110062821"),
    ("voter_id", "AB12345678"),
    ("voter_id", "XYZ765432"),
    ("voter_id", ""),
])
def test_invalid_numbers_are_refused_without_repeating_them(doc_type, raw):
    with pytest.raises(kyc.InvalidDocumentNumber) as refused:
        kyc.normalise(doc_type, raw)
    message = str(refused.value)
    assert message and (not raw.strip() or raw.strip() not in message)


def test_stored_numbers_are_rechecked_by_the_review():
    assert kyc.problems(kyc.AADHAAR, "234567890124") == []
    assert kyc.problems(kyc.AADHAAR, "234567890125")[0].startswith("format: ")
    assert kyc.problems(kyc.PAN, "abcde1234f") == ["format: stored number is not in canonical form"]


@pytest.mark.parametrize("doc_type, number, masked", [
    ("aadhaar", "234567890124", "XXXX XXXX 0124"),
    ("pan", "ABCDE1234F", "XXXXXX234F"),
    ("passport", "J8369854", "XXXX9854"),
    ("driving_license", "MH1420110062821", "XXXXXXXXXXX2821"),
    ("voter_id", "ABC1234567", "XXXXXX4567"),
])
def test_masks_show_only_the_last_four(doc_type, number, masked):
    assert kyc.mask(doc_type, number) == masked


def test_free_text_mentioning_the_number_is_spotted_however_spaced():
    assert kyc.mentions("number 2345 6789 0124 is blurred", "234567890124")
    assert kyc.mentions("pan abcde-1234f unreadable", "ABCDE1234F")
    assert not kyc.mentions("photo is blurred", "234567890124")


def test_submission_and_decision_states():
    kyc.ensure_may_submit(None)
    kyc.ensure_may_submit(kyc.REJECTED)
    with pytest.raises(errors.KycAlreadySubmitted):
        kyc.ensure_may_submit(kyc.PENDING)
    with pytest.raises(errors.KycAlreadyVerified):
        kyc.ensure_may_submit(kyc.VERIFIED)
    kyc.ensure_decidable(kyc.PENDING)
    for decided in (kyc.VERIFIED, kyc.REJECTED):
        with pytest.raises(errors.KycAlreadyDecided):
            kyc.ensure_decidable(decided)
    assert kyc.review_state(kyc.PENDING, False) == "awaiting_checks"
    assert kyc.review_state(kyc.PENDING, True) == "awaiting_moderator"
    assert kyc.review_state(kyc.REJECTED, True) == "decided"


# --- keys and sealing ----------------------------------------------------------------
def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def _vault(current: str = "k1", **keys: bytes) -> DocumentVault:
    keys = keys or {"k1": os.urandom(32)}
    return DocumentVault(keys, current, b"fingerprint-key-for-tests-0123456789")


CONTEXT = document_context("11111111-1111-1111-1111-111111111111",
                           "22222222-2222-2222-2222-222222222222", "aadhaar")


def test_keys_parse_from_ids_and_base64():
    one, two = _key(), _key()
    keys = parse_keys(f"k1:{one}, k2:{two}")
    assert keys == {"k1": base64.b64decode(one), "k2": base64.b64decode(two)}


@pytest.mark.parametrize("spec", ["", "k1", f"k1:{base64.b64encode(b'short').decode()}",
                                  "k1:not base64!", "bad id:AAAA", "k1:{k},k1:{k}"])
def test_malformed_key_lists_are_refused_without_echoing_keys(spec):
    spec = spec.format(k=_key())
    with pytest.raises(ValueError) as refused:
        parse_keys(spec)
    assert all(part.partition(":")[2] not in str(refused.value)
               for part in spec.split(",") if part.partition(":")[2])


def test_the_current_key_must_exist():
    with pytest.raises(ValueError):
        DocumentVault({"k1": os.urandom(32)}, "k2", b"x" * 32)


def test_a_sealed_number_opens_with_its_key_and_context_only():
    vault = _vault()
    sealed = vault.seal("234567890124", CONTEXT)
    assert sealed.key_id == "k1" and b"234567890124" not in sealed.blob
    assert len(sealed.blob) == 12 + len("234567890124") + 16
    assert vault.open(sealed, CONTEXT) == "234567890124"
    again = vault.seal("234567890124", CONTEXT)
    assert again.blob[:12] != sealed.blob[:12] and again.blob != sealed.blob  # fresh nonce


@pytest.mark.parametrize("position", [0, 11, 12, 20, -1])
def test_any_flipped_byte_is_detected(position):
    vault = _vault()
    sealed = vault.seal("ABCDE1234F", CONTEXT)
    blob = bytearray(sealed.blob)
    blob[position] ^= 0x01
    with pytest.raises(errors.KycDocumentUnreadable):
        vault.open(Sealed("k1", bytes(blob)), CONTEXT)


def test_a_ciphertext_moved_to_another_submission_does_not_open():
    vault = _vault()
    sealed = vault.seal("ABCDE1234F", CONTEXT)
    elsewhere = document_context("33333333-3333-3333-3333-333333333333",
                                 "22222222-2222-2222-2222-222222222222", "aadhaar")
    as_pan = document_context("11111111-1111-1111-1111-111111111111",
                              "22222222-2222-2222-2222-222222222222", "pan")
    for context in (elsewhere, as_pan):
        with pytest.raises(errors.KycDocumentUnreadable):
            vault.open(sealed, context)


def test_an_unknown_key_id_is_unreadable_and_names_only_the_id():
    vault = _vault()
    sealed = vault.seal("ABCDE1234F", CONTEXT)
    with pytest.raises(errors.KycDocumentUnreadable, match="k9"):
        vault.open(Sealed("k9", sealed.blob), CONTEXT)


def test_reseal_moves_a_document_to_the_current_key():
    k1, k2 = os.urandom(32), os.urandom(32)
    old = _vault("k1", k1=k1).seal("J8369854", CONTEXT)
    rotated_vault = _vault("k2", k1=k1, k2=k2)
    fresh = rotated_vault.reseal(old, CONTEXT)
    assert fresh.key_id == "k2" and fresh.blob != old.blob
    assert _vault("k2", k2=k2).open(fresh, CONTEXT) == "J8369854"  # k1 no longer needed
    assert rotated_vault.reseal(fresh, CONTEXT) is fresh


def test_fingerprints_are_keyed_and_typed():
    vault = _vault()
    print_ = vault.fingerprint("aadhaar", "234567890124")
    assert print_ == vault.fingerprint("aadhaar", "234567890124")
    assert len(print_) == 64 and "234567890124" not in print_
    assert print_ != vault.fingerprint("pan", "234567890124")
    other_key = DocumentVault({"k1": os.urandom(32)}, "k1", b"another-fingerprint-key-0123456789")
    assert print_ != other_key.fingerprint("aadhaar", "234567890124")


# --- production configuration --------------------------------------------------------
def _production(**overrides):
    return settings_module.Settings().with_overrides(env="production", **overrides)


def test_production_refuses_the_development_kyc_key_even_beside_a_real_one():
    keys = f"{settings_module.DEV_KYC_KEYS},k2:{_key()}"
    with pytest.raises(RuntimeError, match="KYC_ENCRYPTION_KEYS"):
        _production(kyc_encryption_keys=keys, kyc_current_key_id="k2",
                    kyc_fingerprint_key="f" * 40)._validate_kyc_keys()


@pytest.mark.parametrize("overrides, complaint", [
    ({"kyc_encryption_keys": "k1:AAAA"}, "KYC_ENCRYPTION_KEYS"),
    ({"kyc_current_key_id": "k9"}, "KYC_CURRENT_KEY_ID"),
    ({"kyc_fingerprint_key": settings_module.DEV_SECRET}, "KYC_FINGERPRINT_KEY"),
    ({"kyc_fingerprint_key": "short"}, "KYC_FINGERPRINT_KEY"),
])
def test_production_refuses_unsafe_kyc_settings(overrides, complaint):
    good = {"kyc_encryption_keys": f"k1:{_key()}", "kyc_current_key_id": "k1",
            "kyc_fingerprint_key": "f" * 40}
    with pytest.raises(RuntimeError, match=complaint):
        _production(**{**good, **overrides})._validate_kyc_keys()


def test_production_accepts_real_kyc_keys():
    _production(kyc_encryption_keys=f"k1:{_key()},k2:{_key()}", kyc_current_key_id="k2",
                kyc_fingerprint_key="f" * 40)._validate_kyc_keys()
