"""Who a message is from: the checks every channel makes on a sender id and on the peer that
sent it, before the message reaches the dialogue.

A sender id is filed with every case and hand-off, so it must fit their `sender_id` columns
(concerns/tables.py): a longer one would be answered at first and then fail when the parent
confirms their case. Each channel refuses it at once instead, with the reason.
"""
from __future__ import annotations

import ipaddress
import os
from typing import Any, Optional, Union

from concerns.tables import metadata

# The shortest sender_id column of the cases database: every id must fit all of them.
SENDER_ID_MAX = min(table.c.sender_id.type.length for table in metadata.tables.values()
                    if "sender_id" in table.c)

# Who may use the REST channel when REST_ALLOWED_PEERS is not set: this machine only.
LOOPBACK_ONLY = "127.0.0.1/8,::1"
Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


def sender_id_problem(sender: Any) -> Optional[str]:
    """Why `sender` cannot be a conversation's sender id, in words its sender can act on, or
    None when it can."""
    if not isinstance(sender, str) or not sender.strip() or len(sender) > SENDER_ID_MAX \
            or not sender.isprintable():
        return f"must be a string of 1 to {SENDER_ID_MAX} printable characters"
    return None


def peer_networks(value: str) -> list[Network]:
    """The addresses and networks in a comma-separated list ("127.0.0.1, 10.0.0.10, 10.1.0.0/24").

    A mistake in the list is an error at start-up, not a channel that quietly lets everyone in."""
    networks = []
    for item in value.split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise ValueError(f"REST_ALLOWED_PEERS: {item.strip()!r} is not an address or network") from None
    return networks


def rest_peers_from_environment() -> list[Network]:
    """REST_ALLOWED_PEERS, or this machine only."""
    return peer_networks(os.environ.get("REST_ALLOWED_PEERS", "").strip() or LOOPBACK_ONLY)


def peer_is_allowed(peer: str, allowed: list[Network]) -> bool:
    """Whether the connection's own address (never a header a client can write) is in `allowed`."""
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0") is no part of it
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # "::ffff:127.0.0.1" from a dual-stack socket
    return any(address in network for network in allowed)
