"""Staff mail is sent only to the real mail server: over STARTTLS or implicit TLS the server's
certificate and host name are checked, and plain SMTP is the default only to this machine.

Each test runs a real aiosmtpd server on loopback with a certificate made here, signed by a
test CA that no system trusts."""
from __future__ import annotations

import datetime as dt
import ipaddress
import smtplib
import ssl
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from concerns.notifier import Mailer, smtp_security_for
from tests.conftest import Inbox, free_port

SENDER = "assistant@oakleycross.example.org"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, issuer: str, public_key, signing_key, *, ca: bool,
                 names: list[x509.GeneralName] = ()) -> x509.Certificate:
    now = dt.datetime.now(dt.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    else:
        builder = builder.add_extension(x509.SubjectAlternativeName(list(names)), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory) -> dict[str, Path]:
    """A test CA (ca.pem) and two server certificates it signed: one for 127.0.0.1 (the
    address the tests send to), one for another host name only."""
    folder = tmp_path_factory.mktemp("tls")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Test mail CA", "Test mail CA", ca_key.public_key(), ca_key, ca=True)
    (folder / "ca.pem").write_bytes(_pem(ca))
    files = {"ca": folder / "ca.pem"}
    for label, names in (("loopback", [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                         ("elsewhere", [x509.DNSName("smtp.elsewhere.example")])):
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = _certificate(label, "Test mail CA", key.public_key(), ca_key, ca=False, names=names)
        chain = folder / f"{label}.pem"
        chain.write_bytes(_pem(certificate) + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        files[label] = chain
    return files


@contextmanager
def mail_server(certificate: Path | None, implicit_tls: bool = False):
    """A real SMTP server on 127.0.0.1: STARTTLS required with `certificate`, or TLS from the
    first byte (`implicit_tls`), or plain with none. Yields (port, inbox)."""
    inbox, port = Inbox(), free_port()
    options = {}
    if certificate:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate)
        options = {"ssl_context": context} if implicit_tls else {"tls_context": context, "require_starttls": True}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def _send(mailer: Mailer) -> None:
    mailer.send("dsl@oakleycross.example.org", "[URGENT] SAFEGUARDING: OC-1", "Read the case in the console.")


@pytest.mark.parametrize("implicit_tls", [False, True], ids=["starttls", "tls"])
def test_a_certificate_no_trusted_ca_signed_is_refused(certificates, implicit_tls):
    with mail_server(certificates["loopback"], implicit_tls) as (port, inbox):
        mailer = Mailer("127.0.0.1", port, SENDER, security="tls" if implicit_tls else "starttls", timeout=10)
        with pytest.raises(ssl.SSLCertVerificationError, match="unable to get local issuer certificate"):
            _send(mailer)
    assert inbox.messages == []


@pytest.mark.parametrize("implicit_tls", [False, True], ids=["starttls", "tls"])
def test_with_the_ca_file_the_mail_goes_through_encrypted(certificates, implicit_tls):
    # The STARTTLS server refuses mail before STARTTLS, so a delivery is an encrypted one.
    with mail_server(certificates["loopback"], implicit_tls) as (port, inbox):
        mailer = Mailer("127.0.0.1", port, SENDER, security="tls" if implicit_tls else "starttls",
                        ca_file=str(certificates["ca"]), timeout=10)
        _send(mailer)
    assert [m["subject"] for m in inbox.messages] == ["[URGENT] SAFEGUARDING: OC-1"]


def test_a_certificate_for_another_host_name_is_refused(certificates):
    with mail_server(certificates["elsewhere"]) as (port, inbox):
        mailer = Mailer("127.0.0.1", port, SENDER, security="starttls", ca_file=str(certificates["ca"]), timeout=10)
        with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
            _send(mailer)
    assert inbox.messages == []


def test_a_server_that_offers_no_starttls_gets_nothing(certificates):
    """No quiet fall-back to plain SMTP when STARTTLS is missing (as an attacker in between
    would make it)."""
    with mail_server(None) as (port, inbox):
        mailer = Mailer("127.0.0.1", port, SENDER, security="starttls", ca_file=str(certificates["ca"]), timeout=10)
        with pytest.raises(smtplib.SMTPNotSupportedError):
            _send(mailer)
    assert inbox.messages == []


def test_plain_smtp_is_the_default_only_to_this_machine():
    assert smtp_security_for("127.0.0.1") == smtp_security_for("::1") == smtp_security_for("localhost") == "none"
    assert smtp_security_for("smtp.oakleycross.example.org") == "starttls"
    assert smtp_security_for("192.0.2.25") == "starttls"
    # Plain SMTP across a network only when configured so; TLS to this machine when asked.
    assert smtp_security_for("smtp.oakleycross.example.org", "none") == "none"
    assert smtp_security_for("127.0.0.1", "tls") == "tls"
    with pytest.raises(ValueError, match="SMTP_SECURITY"):
        smtp_security_for("smtp.oakleycross.example.org", "ssl")
