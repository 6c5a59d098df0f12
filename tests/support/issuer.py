"""A real external identity service for the tests: an HTTP server on 127.0.0.1 in a
thread of the test process, publishing a JWKS and answering `/auth/me` the way the
seed's AuthShield does. Its keys are generated here with `cryptography`; it can rotate
them, deactivate a user and revoke a token, and counts the `/auth/me` calls."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

ISSUER = "https://authshield.test"
AUDIENCE = "vaultpay-api"


class Issuer:
    def __init__(self):
        self._keys: dict[str, tuple[str, object]] = {}  # kid -> (alg, private key)
        self.published: list[str] = []
        self.current_kid = self.add_key("RS256")
        self.revoked: set[str] = set()
        self.disabled: set[str] = set()
        self.me_calls = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "Issuer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    # --- keys ---------------------------------------------------------------------------
    def add_key(self, alg: str) -> str:
        kid = uuid.uuid4().hex[:12]
        private = (rsa.generate_private_key(public_exponent=65537, key_size=2048) if alg == "RS256"
                   else ec.generate_private_key(ec.SECP256R1()))
        self._keys[kid] = (alg, private)
        self.published.append(kid)
        return kid

    def rotate(self, alg: str = "RS256") -> str:
        """A new signing key; the old one is no longer published."""
        old = self.current_kid
        self.current_kid = self.add_key(alg)
        self.published.remove(old)
        return self.current_kid

    def public_pem(self, kid: str | None = None) -> bytes:
        return self._keys[kid or self.current_kid][1].public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

    def jwks(self) -> dict:
        keys = []
        for kid in self.published:
            alg, private = self._keys[kid]
            algorithm = jwt.algorithms.RSAAlgorithm if alg == "RS256" else jwt.algorithms.ECAlgorithm
            jwk = algorithm.to_jwk(private.public_key(), as_dict=True)
            keys.append({**jwk, "kid": kid, "alg": alg, "use": "sig"})
        return {"keys": keys}

    # --- tokens -------------------------------------------------------------------------
    def claims(self, subject: str, **overrides) -> dict:
        """AuthShield's claims for the user `subject`; an override of None drops a claim."""
        now = int(time.time())
        claims = {"user_id": subject, "email": f"{subject}@authshield.test", "roles": ["user"],
                  "is_active": True, "iss": ISSUER, "aud": AUDIENCE, "iat": now,
                  "exp": now + 600, "jti": uuid.uuid4().hex, "type": "access"}
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def token(self, subject: str, *, kid: str | None = None, **overrides) -> str:
        kid = kid or self.current_kid
        alg, private = self._keys[kid]
        return jwt.encode(self.claims(subject, **overrides), private, algorithm=alg,
                          headers={"kid": kid})

    def hs256_with_public_key(self, subject: str) -> str:
        """The classic algorithm-confusion forgery: HS256 keyed with the public key."""
        def b64(data: bytes) -> bytes:
            return base64.urlsafe_b64encode(data).rstrip(b"=")
        header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": self.current_kid}).encode())
        payload = b64(json.dumps(self.claims(subject)).encode())
        signature = hmac.new(self.public_pem(), header + b"." + payload, hashlib.sha256).digest()
        return (header + b"." + payload + b"." + b64(signature)).decode()

    # --- the HTTP side ------------------------------------------------------------------
    def _me(self, authorization: str) -> tuple[int, dict]:
        self.me_calls += 1
        token = authorization.partition(" ")[2]
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return 401, {"success": False, "error_code": "TOKEN_INVALID"}
        if claims.get("jti") in self.revoked:
            return 401, {"success": False, "error_code": "TOKEN_REVOKED"}
        if claims["user_id"] in self.disabled:
            return 403, {"success": False, "error_code": "ACCOUNT_DISABLED"}
        return 200, {"success": True, "data": {"user_id": claims["user_id"], "is_active": True}}

    def _handler_class(self):
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                if self.path == "/.well-known/jwks.json":
                    status, body = 200, issuer.jwks()
                elif self.path == "/auth/me":
                    status, body = issuer._me(self.headers.get("Authorization", ""))
                else:
                    status, body = 404, {"success": False}
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        return Handler
