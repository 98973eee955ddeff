"""The answers' end-to-end encryption: ChaCha20-Poly1305 (RFC 8439).

The page encrypts in the browser with @noble/ciphers (vendored in
``resources/intake_web/vendor``); this side decrypts with ``cryptography``. The key is 256
random bits made here for one questionnaire and carried in the link's fragment (after
``#``), which browsers never send over the network: whoever sees the traffic, or serves a
copy of the page elsewhere, has the ciphertext but not the key. The link's token is the
associated data, so answers sent for one link cannot be replayed onto another.

A message is ``version (1 byte) ‖ nonce (12 bytes) ‖ ciphertext with its 16-byte tag``.
"""

from __future__ import annotations

import base64
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from assistant.errors import InvalidInput

FORMAT = 1
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
TOKEN_BYTES = 24  # 192 random bits in the link's path
AAD_PREFIX = b"chairside-intake-v1:"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_text(key: bytes) -> str:
    """The key as it goes in the fragment: base64url without padding."""
    return base64.urlsafe_b64encode(key).rstrip(b"=").decode("ascii")


def key_from_text(text: str) -> bytes:
    key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if len(key) != KEY_BYTES:
        raise InvalidInput("The key in the link is damaged.", "key")
    return key


def associated_data(token: str) -> bytes:
    return AAD_PREFIX + token.encode("ascii")


def encrypt(key: bytes, token: str, plaintext: bytes, nonce: bytes | None = None) -> bytes:
    """What the page does (used by the tests and by patient mode on this computer)."""
    nonce = nonce or secrets.token_bytes(NONCE_BYTES)
    sealed = ChaCha20Poly1305(key).encrypt(nonce, plaintext, associated_data(token))
    return bytes([FORMAT]) + nonce + sealed


def decrypt(key: bytes, token: str, message: bytes) -> bytes:
    """The plaintext of a message sent for the link ``token``; ``InvalidInput`` when it was
    altered, encrypted with another key or sent for another link."""
    if len(message) < 1 + NONCE_BYTES + TAG_BYTES or message[0] != FORMAT:
        raise InvalidInput("The answers could not be read: the message is not in the right form.")
    nonce, sealed = message[1 : 1 + NONCE_BYTES], message[1 + NONCE_BYTES :]
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, sealed, associated_data(token))
    except InvalidTag:
        raise InvalidInput(
            "The answers could not be read: the link or the message was altered."
        ) from None
