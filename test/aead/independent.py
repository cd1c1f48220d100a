"""An independent implementation of the cachet/aead and cachet/fields formats, written
from docs/formats.md with pyca/cryptography (plus HChaCha20 by hand for XChaCha20-Poly1305,
which pyca does not offer). It shares no code with cachet.

  python3 independent.py decrypt   < requests.json   # cachet's ciphertexts -> plaintexts
  python3 independent.py encrypt   < requests.json   # fresh ciphertexts for cachet to decrypt
  python3 independent.py vectors   aead.json fields.json   # checks the fixed vectors

Requests and results are JSON (bytes as hex)."""
import base64
import hashlib
import hmac
import json
import os
import struct
import sys
import unicodedata

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, AESGCMSIV, AESSIV, ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SUITES = {  # alg: (id, key length, nonce length)
    "A256GCM": (0x01, 32, 12),
    "A256GCM-SIV": (0x02, 32, 12),
    "XC20P": (0x03, 32, 24),
    "AES-SIV": (0x04, 64, 0),
}
BY_ID = {v[0]: k for k, v in SUITES.items()}
AEAD_VERSION, FIELDS_VERSION = 0x01, 0xF1


def hkdf(ikm, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(ikm)


def key_id(raw):  # docs: imported secret keys get HMAC-SHA-256(key, "cachet/key-id/v1")[:4]
    return hmac.new(raw, b"cachet/key-id/v1", hashlib.sha256).digest()[:4]


def rotl(v, c):
    return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))


def hchacha20(key, nonce16):  # draft-irtf-cfrg-xchacha-03 section 2.2
    s = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    s += list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))

    def qr(a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 7)

    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))


def raw_seal(alg, key, nonce, pt, aad):
    if alg == "A256GCM":
        return AESGCM(key).encrypt(nonce, pt, aad)
    if alg == "A256GCM-SIV":
        return AESGCMSIV(key).encrypt(nonce, pt, aad)
    if alg == "XC20P":
        return ChaCha20Poly1305(hchacha20(key, nonce[:16])).encrypt(b"\0" * 4 + nonce[16:], pt, aad)
    return AESSIV(key).encrypt(pt, [aad])


def raw_open(alg, key, nonce, body, aad):
    if alg == "A256GCM":
        return AESGCM(key).decrypt(nonce, body, aad)
    if alg == "A256GCM-SIV":
        return AESGCMSIV(key).decrypt(nonce, body, aad)
    if alg == "XC20P":
        return ChaCha20Poly1305(hchacha20(key, nonce[:16])).decrypt(b"\0" * 4 + nonce[16:], body, aad)
    return AESSIV(key).decrypt(body, [aad])


def keys_for(alg, raw):
    sid = SUITES[alg][0]
    enc = hkdf(raw, b"cachet aead v1 key" + bytes([sid]), SUITES[alg][1])
    commitment = hkdf(raw, b"cachet aead v1 commitment" + bytes([sid]), 32)
    return enc, commitment


def seal(version, alg, raw, pt, tail, commit, nonce=None):
    sid, _, nlen = SUITES[alg]
    prefix = bytes([version, sid | (0x80 if commit else 0)]) + key_id(raw)
    nonce = os.urandom(nlen) if nonce is None else nonce
    enc, commitment = keys_for(alg, raw)
    head = prefix + nonce + (commitment if commit else b"")
    return head + raw_seal(alg, enc if commit else raw, nonce, pt, prefix + tail)


def open_(version, alg, raw, ct, tail):
    assert ct[0] == version, "version"
    sid = ct[1] & 0x7F
    commit = bool(ct[1] & 0x80)
    assert BY_ID[sid] == alg, "suite"
    assert ct[2:6] == key_id(raw), "key id"
    nlen = SUITES[alg][2]
    nonce = ct[6:6 + nlen]
    at = 6 + nlen
    enc, commitment = keys_for(alg, raw)
    if commit:
        assert hmac.compare_digest(ct[at:at + 32], commitment), "commitment"
        at += 32
    return raw_open(alg, enc if commit else raw, nonce, ct[at:], ct[:6] + tail)


# --- fields
def u16(b):
    return struct.pack(">H", len(b)) + b


def column_context(table, column):
    return u16(table.encode()) + u16(column.encode())


def field_context(table, column, row):
    base = column_context(table, column)
    return base + (b"\0" if row is None else b"\x01" + u16(row.encode()))


TAGS = {"null": 0, "string": 1, "number": 2, "bigint": 3, "false": 4, "true": 5, "date": 6, "bytes": 7, "json": 8}


def encode_value(v):
    """{type, value} (the vector file's string forms) -> tag || payload."""
    t, s = v["type"], v["value"]
    if t == "string":
        return bytes([1]) + s.encode()
    if t == "number":
        f = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf"), "-0": -0.0}.get(s)
        f = float(s) if f is None else f
        return bytes([2]) + (b"\x7f\xf8" + b"\0" * 6 if f != f else struct.pack(">d", f))
    if t == "bigint":
        return bytes([3]) + str(int(s)).encode()
    if t == "boolean":
        return bytes([5 if s == "true" else 4])
    if t == "date":
        return bytes([6]) + struct.pack(">q", int(s))
    if t == "bytes":
        return bytes([7]) + bytes.fromhex(s)
    if t == "json":
        return bytes([8]) + json.dumps(json.loads(s), separators=(",", ":"), ensure_ascii=False).encode()
    return bytes([0])


def pad_value(pt, pad):
    if not pad:
        return pt
    used = len(pt) + 1
    total = -(-used // pad) * pad
    return bytes([pt[0] | 0x80]) + pt[1:] + b"\x80" + b"\0" * (total - used)


def decode_value(pt):
    """tag || payload || [padding] -> {type, value} in the vector file's string forms."""
    tag = pt[0]
    body = pt[1:]
    if tag & 0x80:
        body = body.rstrip(b"\0")
        assert body.endswith(b"\x80"), "padding"
        body = body[:-1]
    tag &= 0x7F
    if tag == 0:
        assert body == b""
        return {"type": "null", "value": ""}
    if tag == 1:
        return {"type": "string", "value": body.decode("utf-8")}
    if tag == 2:
        (f,) = struct.unpack(">d", body)
        if f != f:
            s = "NaN"
        elif f in (float("inf"), float("-inf")):
            s = "Infinity" if f > 0 else "-Infinity"
        elif f == 0 and str(f).startswith("-"):
            s = "-0"
        else:
            s = repr(f) if f != int(f) else str(int(f))
        return {"type": "number", "value": s}
    if tag == 3:
        return {"type": "bigint", "value": body.decode()}
    if tag in (4, 5):
        assert body == b""
        return {"type": "boolean", "value": "true" if tag == 5 else "false"}
    if tag == 6:
        return {"type": "date", "value": str(struct.unpack(">q", body)[0])}
    if tag == 7:
        return {"type": "bytes", "value": body.hex()}
    if tag == 8:
        return {"type": "json", "value": json.dumps(json.loads(body.decode()), separators=(",", ":"), ensure_ascii=False)}
    raise ValueError("unknown tag")


def text_to_bytes(text):
    assert text.startswith("cf1."), "prefix"
    body = text[4:]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def bytes_to_text(b):
    return "cf1." + base64.urlsafe_b64encode(b).decode().rstrip("=")


def blind_index(raw, table, column, encoded, bits):
    k = hkdf(raw, b"cachet fields v1 blind index" + column_context(table, column), 32)
    mac = hmac.new(k, encoded, hashlib.sha256).digest()
    n = -(-bits // 8)
    out = bytearray(mac[:n])
    out[-1] &= (0xFF << (n * 8 - bits)) & 0xFF
    return out.hex()


def canonical_json(v):
    if v["type"] == "json":
        return {"type": "json", "value": json.dumps(json.loads(v["value"]), separators=(",", ":"), ensure_ascii=False)}
    return v


# --- modes
def decrypt(requests):
    out = []
    for r in requests:
        raw = bytes.fromhex(r["key"])
        if r["kind"] == "aead":
            out.append(open_(AEAD_VERSION, r["alg"], raw, bytes.fromhex(r["ciphertext"]), bytes.fromhex(r["aad"])).hex())
        else:
            ct = text_to_bytes(r["text"]) if "text" in r else bytes.fromhex(r["bytes"])
            tail = field_context(r["table"], r["column"], r.get("rowId"))
            out.append(decode_value(open_(FIELDS_VERSION, r["alg"], raw, ct, tail)))
    return out


def encrypt(requests):
    out = []
    for r in requests:
        raw = bytes.fromhex(r["key"])
        if r["kind"] == "aead":
            ct = seal(AEAD_VERSION, r["alg"], raw, bytes.fromhex(r["plaintext"]), bytes.fromhex(r["aad"]), r["keyCommitment"])
            out.append(ct.hex())
        else:
            pt = pad_value(encode_value(r["value"]), r.get("pad", 0))
            tail = field_context(r["table"], r["column"], r.get("rowId"))
            out.append(bytes_to_text(seal(FIELDS_VERSION, r["alg"], raw, pt, tail, r["keyCommitment"])))
    return out


def vectors(aead_path, fields_path):
    failures, checked = [], 0
    for v in json.load(open(aead_path))["vectors"]:
        raw, ct = bytes.fromhex(v["key"]), bytes.fromhex(v["ciphertext"])
        checked += 1
        if key_id(raw).hex() != v["keyId"]:
            failures.append(f"aead {v['name']}: key id")
        if open_(AEAD_VERSION, v["alg"], raw, ct, bytes.fromhex(v["aad"])).hex() != v["plaintext"]:
            failures.append(f"aead {v['name']}: plaintext")
        if v["alg"] == "AES-SIV":  # deterministic: the same bytes again
            again = seal(AEAD_VERSION, "AES-SIV", raw, bytes.fromhex(v["plaintext"]), bytes.fromhex(v["aad"]), v["keyCommitment"])
            if again != ct:
                failures.append(f"aead {v['name']}: deterministic re-encryption differs")
    data = json.load(open(fields_path))
    for v in data["vectors"]:
        raw = bytes.fromhex(v["key"])
        tail = field_context(v["table"], v["column"], v.get("rowId"))
        expected = canonical_json(v["value"])
        for form, ct in (("text", text_to_bytes(v["text"])), ("bytes", bytes.fromhex(v["bytes"]))):
            checked += 1
            got = decode_value(open_(FIELDS_VERSION, v["alg"], raw, ct, tail))
            if got != expected:
                failures.append(f"fields {v['name']} ({form}): {got} != {expected}")
            if bytes_to_text(ct) != v["text"] and form == "text":
                failures.append(f"fields {v['name']}: text form is not canonical base64url")
        if v["deterministic"]:
            pt = pad_value(encode_value(v["value"]), v["pad"])
            again = seal(FIELDS_VERSION, "AES-SIV", raw, pt, tail, v["keyCommitment"])
            if bytes_to_text(again) != v["text"] or again.hex() != v["bytes"]:
                failures.append(f"fields {v['name']}: deterministic re-encryption differs")
    for b in data["blindIndexes"]:
        checked += 1
        raw = bytes.fromhex(b["key"])
        got = blind_index(raw, b["table"], b["column"], encode_value(b["normalized"]), b["bits"])
        if got != b["index"]:
            failures.append(f"blind index {b['table']}.{b['column']} bits={b['bits']}: {got} != {b['index']}")
    return {"checked": checked, "failures": failures}


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "vectors":
        print(json.dumps(vectors(sys.argv[2], sys.argv[3])))
    else:
        requests = json.load(sys.stdin)
        print(json.dumps(decrypt(requests) if mode == "decrypt" else encrypt(requests)))
