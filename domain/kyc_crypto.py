"""Sealing KYC document numbers: AES-256-GCM under named keys, and a keyed fingerprint.

- Each ciphertext is stored with the id of the key that sealed it, so keys can rotate:
  new documents use the current key, old ones stay readable until re-sealed.
- A fresh random 96-bit nonce per seal; the stored blob is nonce || ciphertext || tag.
- The associated data binds a ciphertext to its submission, owner and document type:
  a blob copied onto another row fails authentication instead of decrypting there.
- The fingerprint is HMAC-SHA-256 under a separate key over the type and the
  normalised number. Unkeyed, it could be reversed by hashing every possible Aadhaar
  number; keyed, it only tells equal documents apart.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from domain import errors
from domain.named_keys import parse_named_keys

KEY_BYTES = 32
NONCE_BYTES = 12


@dataclass(frozen=True)
class Sealed:
    key_id: str
    blob: bytes


def parse_keys(spec: str) -> dict[str, bytes]:
    """`"k1:<base64 of 32 bytes>,k2:<...>"` -> {key id: key}. Errors never echo a key."""
    return parse_named_keys(spec, "KYC", KEY_BYTES)


def document_context(submission_id: object, user_id: object, doc_type: str) -> bytes:
    return f"vaultpay/kyc/v1|{submission_id}|{user_id}|{doc_type}".encode()


class DocumentVault:
    def __init__(self, keys: dict[str, bytes], current_key_id: str, fingerprint_key: bytes):
        if current_key_id not in keys:
            raise ValueError(f"the current KYC key id {current_key_id!r} is not among the keys")
        self._ciphers = {key_id: AESGCM(key) for key_id, key in keys.items()}
        self.current_key_id = current_key_id
        self._fingerprint_key = fingerprint_key

    def seal(self, number: str, context: bytes) -> Sealed:
        nonce = os.urandom(NONCE_BYTES)
        blob = nonce + self._ciphers[self.current_key_id].encrypt(nonce, number.encode(), context)
        return Sealed(self.current_key_id, blob)

    def open(self, sealed: Sealed, context: bytes) -> str:
        cipher = self._ciphers.get(sealed.key_id)
        if cipher is None:
            raise errors.KycDocumentUnreadable(f"No KYC key with id {sealed.key_id!r} is configured")
        nonce, ciphertext = sealed.blob[:NONCE_BYTES], sealed.blob[NONCE_BYTES:]
        try:
            return cipher.decrypt(nonce, ciphertext, context).decode()
        except InvalidTag:
            raise errors.KycDocumentUnreadable() from None

    def reseal(self, sealed: Sealed, context: bytes) -> Sealed:
        """The same document under the current key (unchanged if it already is)."""
        if sealed.key_id == self.current_key_id:
            return sealed
        return self.seal(self.open(sealed, context), context)

    def fingerprint(self, doc_type: str, number: str) -> str:
        message = f"{doc_type}:{number}".encode()
        return hmac.new(self._fingerprint_key, message, hashlib.sha256).hexdigest()


@lru_cache(maxsize=8)
def vault_for(keys_spec: str, current_key_id: str, fingerprint_key: str) -> DocumentVault:
    """One vault per configuration (AESGCM objects are reusable and thread-safe)."""
    return DocumentVault(parse_keys(keys_spec), current_key_id, fingerprint_key.encode())
