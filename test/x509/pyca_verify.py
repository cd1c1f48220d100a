"""Reference verdicts from pyca/cryptography's x509.verification for cachet's differential tests.

Reads a JSON list of cases on stdin: {id, roots: [pem], intermediates: [pem], leaf: pem,
time: epoch seconds, kind: "server"|"client", dns?: str, ip?: str, max_depth?: int}.
Prints a JSON list of {id, ok: bool, error: str|null}.
"""
import datetime
import ipaddress
import json
import sys

from cryptography import x509
from cryptography.x509.verification import (
    DNSName,
    IPAddress,
    PolicyBuilder,
    Store,
    VerificationError,
)


def verify(case):
    roots = [x509.load_pem_x509_certificate(p.encode()) for p in case["roots"]]
    inters = [x509.load_pem_x509_certificate(p.encode()) for p in case["intermediates"]]
    leaf = x509.load_pem_x509_certificate(case["leaf"].encode())
    builder = PolicyBuilder().store(Store(roots)).time(
        datetime.datetime.fromtimestamp(case["time"], tz=datetime.timezone.utc)
    )
    if case.get("max_depth") is not None:
        builder = builder.max_chain_depth(case["max_depth"])
    if case["kind"] == "client":
        builder.build_client_verifier().verify(leaf, inters)
        return
    if case.get("ip"):
        subject = IPAddress(ipaddress.ip_address(case["ip"]))
    else:
        subject = DNSName(case["dns"])
    builder.build_server_verifier(subject).verify(leaf, inters)


results = []
for case in json.load(sys.stdin):
    try:
        verify(case)
        results.append({"id": case["id"], "ok": True, "error": None})
    except (VerificationError, ValueError) as e:
        results.append({"id": case["id"], "ok": False, "error": str(e)[:300]})
json.dump(results, sys.stdout)
