"""Stable identifiers for exported definitions: IRIs and UUIDv5.

A skillframe id ``<framework>:<local>`` becomes the IRI ``IRI_BASE<framework>/<local>``
(the same placeholder namespace the SSSOM export declares in its ``curie_map``) and
the UUID ``uuid5(NAMESPACE, id)``, so an export names the same thing the same way
on every run.

>>> iri("tokyo-wg-2025:bpr")
'https://w3id.org/skillframe/tokyo-wg-2025/bpr'
>>> uuid_for("tokyo-wg-2025:bpr") == uuid_for("tokyo-wg-2025:bpr")
True
>>> len(uuid_for("x:y")), uuid_for("x:y")[14]
(36, '5')
"""

from __future__ import annotations

import uuid

__all__ = ["IRI_BASE", "NAMESPACE", "iri", "uuid_for"]

#: The placeholder IRI base of skillframe definitions (as in the SSSOM export).
IRI_BASE = "https://w3id.org/skillframe/"

#: The UUIDv5 namespace of skillframe ids (itself UUIDv5 of ``IRI_BASE`` in the URL namespace).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, IRI_BASE)


def iri(definition_id: str) -> str:
    """The IRI of a definition id (a framework id alone: the framework's own IRI)."""
    prefix, sep, local = definition_id.partition(":")
    return f"{IRI_BASE}{prefix}/{local}" if sep else f"{IRI_BASE}{prefix}"


def uuid_for(key: str) -> str:
    """UUIDv5 of a key (a definition id, or any string naming an exported thing), lower case."""
    return str(uuid.uuid5(NAMESPACE, key))
