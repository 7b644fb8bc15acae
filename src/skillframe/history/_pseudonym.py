"""Pseudonymised staff keys: an HMAC of the staff id under the municipality's secret key.

The key itself is never stored; a short check value of it is, so a later year recorded
under a different key is refused.
"""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["KEY_ENV", "key_check", "pseudonymise"]

#: The environment variable that holds the pseudonymisation key (never stored).
KEY_ENV = "SKILLFRAME_PSEUDONYM_KEY"


def pseudonymise(staff_id: str, key: str | bytes) -> str:
    """The stored key of a staff id under a municipality's secret: HMAC-SHA256, 32 hex digits.

    >>> p = pseudonymise("A001", "secret")
    >>> len(p), p == pseudonymise("A001", b"secret"), p == pseudonymise("A001", "other")
    (32, True, False)
    """
    k = key.encode("utf-8") if isinstance(key, str) else key
    return hmac.new(k, staff_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def key_check(key: str | bytes) -> str:
    """The check value stored in place of ``key`` (16 hex digits; it does not reveal the key).

    >>> len(key_check("secret")), key_check("secret") == key_check(b"secret") != key_check("other")
    (16, True)
    """
    k = key.encode("utf-8") if isinstance(key, str) else key
    return hmac.new(k, b"skillframe:key-check", hashlib.sha256).hexdigest()[:16]
