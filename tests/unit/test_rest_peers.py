"""The REST channel believes whatever sender id it is given, so it answers only the servers'
own side: loopback by default, and the addresses in REST_ALLOWED_PEERS (behind nginx, the
proxy's). Checked with real connections to a real server, from this machine's loopback and
from its other address."""
from __future__ import annotations

import asyncio
import ipaddress
import socket

import aiohttp
import pytest

from channels.rest import SafeRestInput
from channels.senders import peer_is_allowed, peer_networks, rest_peers_from_environment
from tests.unit.channel_server import serving


def other_address() -> str:
    """This machine's address on its network (not loopback): a peer the default must refuse."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
            address = probe.getsockname()[0]
        except OSError:
            address = socket.gethostbyname(socket.gethostname())
    if ipaddress.ip_address(address).is_loopback:
        pytest.skip("this machine has no address but loopback")
    return address


def answer_from(channel: SafeRestInput, host: str) -> tuple[int, object, list]:
    """What a POST from `host` to a server listening on `host` gets, and what reached the dialogue."""
    handled = []

    async def on_new_message(message):
        handled.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, "hi there")

    async def run():
        async with serving(channel, on_new_message, host=host) as base_url:
            async with aiohttp.ClientSession() as client:
                async with client.post(base_url + "/webhooks/rest/webhook",
                                       json={"sender": "peer-test", "message": "hello"}) as reply:
                    return reply.status, await reply.json()

    status, body = asyncio.run(run())
    return status, body, handled


def test_by_default_only_this_machine_is_answered(monkeypatch):
    monkeypatch.delenv("REST_ALLOWED_PEERS", raising=False)
    status, body, handled = answer_from(SafeRestInput.from_credentials(None), "127.0.0.1")
    assert status == 200 and body[0]["text"] == "hi there" and handled == ["hello"]

    status, body, handled = answer_from(SafeRestInput.from_credentials(None), other_address())
    assert status == 403 and "REST_ALLOWED_PEERS" in body["error"]
    assert handled == []  # refused before anything was read


def test_a_peer_named_in_the_setting_is_answered(monkeypatch):
    address = other_address()
    monkeypatch.setenv("REST_ALLOWED_PEERS", f"127.0.0.1, {address}")
    status, body, handled = answer_from(SafeRestInput.from_credentials(None), address)
    assert status == 200 and handled == ["hello"]


def test_the_connections_own_address_counts_not_a_header_a_client_writes():
    loopback = peer_networks("127.0.0.1/8,::1")
    assert peer_is_allowed("127.0.0.1", loopback) and peer_is_allowed("::1", loopback)
    assert peer_is_allowed("::ffff:127.0.0.1", loopback)  # a dual-stack socket's IPv4 peer
    assert not peer_is_allowed("10.0.0.10", loopback)
    assert not peer_is_allowed("", loopback) and not peer_is_allowed("unix socket", loopback)
    private_side = peer_networks("10.0.0.10, 10.1.0.0/24")
    assert peer_is_allowed("10.0.0.10", private_side) and peer_is_allowed("10.1.0.77", private_side)
    assert not peer_is_allowed("10.0.0.11", private_side)


def test_a_mistake_in_the_setting_stops_the_server_rather_than_letting_everyone_in(monkeypatch):
    monkeypatch.setenv("REST_ALLOWED_PEERS", "127.0.0.1, nginx.internal")
    with pytest.raises(ValueError, match="nginx.internal"):
        rest_peers_from_environment()


def test_the_rasa_server_and_the_action_server_listen_on_this_machine_by_default():
    """`make run` and deploy/systemd start them through concerns.run: unless told otherwise
    (RASA_INTERFACE, SANIC_HOST), neither is reachable from another machine."""
    from concerns.run import process_commands, stack_environment
    from concerns.settings import Settings

    base = {"RASA_JWT_SECRET": "x", "WEBCHAT_SESSION_SECRET": "x"}
    env = stack_environment(Settings(), base)
    rasa = process_commands(env)["rasa"]
    assert rasa[rasa.index("--interface") + 1] == "127.0.0.1"
    assert env["SANIC_HOST"] == "127.0.0.1"  # what rasa-sdk's action server binds to
    assert env["ACTION_ENDPOINT_URL"].startswith("http://127.0.0.1:")
