#!/usr/bin/env python3
"""The link lane's ETSI GS QKD 014 client (Tools/ci/link.sh): curl with SAE client certificates,
run inside the namespace of the node it calls (`ip netns exec NS curl ...`), as a real SAE would.

Subcommands:
  wait-finished  until every node's result file says "finished": true (or a node died, or time ran out)
  deliver        status at both KMEs (stored_key_count equal), enc_keys at Alice by the master SAE,
                 dec_keys at Bob by the slave SAE with those key_IDs → identical bytes, a second
                 dec_keys of a delivered key_ID refused, both counts equal again afterwards
  kill-when      SIGKILL a node at a pending block of Alice's, or some seconds after a log line
  refusals       an unknown CA's certificate and no certificate refused by TLS; an unknown SAE,
                 a master asking dec_keys, a slave asking enc_keys, an unknown and a malformed
                 key_ID each answered with the standard error body (docs/key-delivery.md)

Every check that fails exits 1 with a sentence saying what was asked and what came back. Key
bytes are never printed: only counts and a digest of all delivered bytes.
Only the standard library; Python 3.9 or later.
"""

import argparse
import base64
import hashlib
import json
import os
import subprocess
import sys
import time


# A node's block outcomes that put keys in its store (Tools/LinkNode/LinkNodeResult.swift).
COMMITTED = ("committed", "settled-committed")


class LaneFailure(Exception):
    """A check of the lane failed; the message says which and what was seen."""


def fail(message):
    raise LaneFailure(message)


class SAE:
    """One SAE: its certificate and key, the CA that issued the KME's certificate, the namespace."""

    def __init__(self, pki, name, namespace):
        self.certificate = os.path.join(pki, f"{name}.pem")
        self.key = os.path.join(pki, f"{name}.key")
        self.ca = os.path.join(pki, "lab-ca.pem")
        self.namespace = namespace
        self.name = name

    def call(self, url, body=None):
        """One HTTPS request with curl: (curl exit status, HTTP status "000" if none, body text)."""
        arguments = ["ip", "netns", "exec", self.namespace, "curl", "-sS", "--max-time", "20",
                     "--cacert", self.ca, "-w", "\n%{http_code}"]
        if self.certificate:
            arguments += ["--cert", self.certificate, "--key", self.key]
        if body is not None:
            arguments += ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
        completed = subprocess.run(arguments + [url], capture_output=True, text=True, timeout=60)
        text, _, http = completed.stdout.rpartition("\n")
        return completed.returncode, http.strip() or "000", text, completed.stderr.strip()

    def json_call(self, url, body=None, expect="200"):
        exit_status, http, text, error = self.call(url, body)
        if http != expect:
            fail(f"{self.name} {('POST' if body is not None else 'GET')} {url}: expected HTTP {expect}, "
                 f"got {http} (curl exit {exit_status}) {text[:300]} {error[:200]}")
        try:
            return json.loads(text)
        except ValueError:
            fail(f"{self.name} {url}: HTTP {http} but the body is not JSON: {text[:300]}")


def key_id(block_id, key_index):
    """A key_ID of the link's layout (Sources/KeyStore/KeyIdentifier.swift, a version-8 UUID):
    block id bits 63–16 ‖ version 8 ‖ block id bits 15–4 ‖ variant 0b10 ‖ block id bits 3–0 ‖
    key index (32 bits) ‖ 26 zero bits."""
    bits = ((block_id >> 16) << 80 | 8 << 76 | ((block_id >> 4) & 0xFFF) << 64
            | 0b10 << 62 | (block_id & 0xF) << 58 | key_index << 26)
    text = f"{bits:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def expect_error_body(response, what):
    """The ETSI error body, clause 6.5: {"message": text, "details": [...] optional}."""
    if not isinstance(response, dict) or not isinstance(response.get("message"), str) or not response["message"]:
        fail(f"{what}: not an ETSI error body (clause 6.5): {response}")
    if "details" in response and not isinstance(response["details"], list):
        fail(f"{what}: details is not a list: {response}")
    return response["message"]


def stored_key_counts(arguments, master, master_at_bob):
    alice = master.json_call(f"{arguments.alice_url}/api/v1/keys/{arguments.slave}/status")
    bob = master_at_bob.json_call(f"{arguments.bob_url}/api/v1/keys/{arguments.slave}/status")
    return alice, bob


def equal_counts(arguments, master, master_at_bob, timeout_s):
    """Both KMEs' stored_key_count, retried until equal (a reservation crossing the link) or timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        alice, bob = stored_key_counts(arguments, master, master_at_bob)
        if alice["stored_key_count"] == bob["stored_key_count"]:
            return alice, bob
        if time.monotonic() > deadline:
            fail(f"stored_key_count differs after {timeout_s} s: Alice's KME {alice['stored_key_count']}, "
                 f"Bob's {bob['stored_key_count']} (a key at one side only)")
        time.sleep(0.5)


def deliver(arguments):
    master = SAE(arguments.pki, arguments.master, arguments.alice_ns)
    master_at_bob = SAE(arguments.pki, arguments.master, arguments.bob_ns)
    slave = SAE(arguments.pki, arguments.slave, arguments.bob_ns)
    started = time.monotonic()
    alice_status, bob_status = equal_counts(arguments, master, master_at_bob, arguments.settle_s)
    stored = alice_status["stored_key_count"]
    wanted = stored if arguments.number == 0 else arguments.number
    if wanted < arguments.minimum_keys or stored < wanted:
        fail(f"Alice's KME stores {stored} keys; the lane needs {max(wanted, arguments.minimum_keys)}")
    per_request = alice_status["max_key_per_request"]
    size = alice_status["key_size"]

    # enc_keys at Alice: the first request by GET with query parameters, the rest by POST (clause 6.2).
    handed = []
    while len(handed) < wanted:
        number = min(per_request, wanted - len(handed))
        base = f"{arguments.alice_url}/api/v1/keys/{arguments.slave}/enc_keys"
        container = (master.json_call(f"{base}?number={number}&size={size}") if not handed
                     else master.json_call(base, {"number": number, "size": size}))
        handed += container["keys"]
    ids = [key["key_ID"] for key in handed]
    if len(set(ids)) != len(ids):
        fail(f"enc_keys handed out a key_ID twice among {len(ids)}")

    # dec_keys at Bob: the reservation crosses the link after Alice's answer, so "not handed to a
    # master" is retried (bounded); any other refusal fails at once.
    decoded = {}
    deadline = time.monotonic() + arguments.settle_s
    base = f"{arguments.bob_url}/api/v1/keys/{arguments.master}/dec_keys"
    while len(decoded) < len(ids):
        chunk = [key_ID for key_ID in ids if key_ID not in decoded][:per_request]
        if not decoded:
            url, body = base + "?" + "&".join(f"key_ID={key_ID}" for key_ID in chunk), None
        else:
            url, body = base, {"key_IDs": [{"key_ID": key_ID} for key_ID in chunk]}
        exit_status, http, text, error = slave.call(url, body)
        if http == "200":
            for key in json.loads(text)["keys"]:
                decoded[key["key_ID"]] = key["key"]
            continue
        message = json.loads(text).get("message", "") if text.startswith("{") else text
        if http == "400" and "has not been handed to a master" in message and time.monotonic() < deadline:
            time.sleep(0.2)
            continue
        fail(f"dec_keys at Bob for {len(chunk)} key_IDs: HTTP {http} (curl exit {exit_status}) {text[:300]} {error[:200]}")
    digest = hashlib.sha256()
    for key in handed:
        alice_bytes = base64.b64decode(key["key"])
        bob_bytes = base64.b64decode(decoded[key["key_ID"]])
        if alice_bytes != bob_bytes:
            fail(f"key_ID {key['key_ID']}: Alice's and Bob's bytes differ")
        if len(alice_bytes) * 8 != size:
            fail(f"key_ID {key['key_ID']}: {len(alice_bytes) * 8} bits, status said {size}")
        digest.update(alice_bytes)
    if len({key["key"] for key in handed}) != len(handed):
        fail("two key_IDs carry the same bytes")

    # The same key_ID a second time: refused with the error body, naming it.
    again = slave.json_call(f"{base}?key_ID={ids[0]}", expect="400")
    message = expect_error_body(again, "second dec_keys")
    if "already delivered" not in message:
        fail(f"second dec_keys of {ids[0]}: expected 'already delivered', got {message!r}")
    after_alice, after_bob = equal_counts(arguments, master, master_at_bob, arguments.settle_s)
    if after_alice["stored_key_count"] != stored - wanted:
        fail(f"after handing out {wanted} of {stored} keys Alice's KME stores {after_alice['stored_key_count']}")
    figures = {"storedBefore": stored, "delivered": wanted, "keyBits": size, "identical": wanted,
               "storedAfterAlice": after_alice["stored_key_count"], "storedAfterBob": after_bob["stored_key_count"],
               "deliverySeconds": round(time.monotonic() - started, 2), "bytesSHA256": digest.hexdigest()[:16]}
    print(json.dumps(figures))


def refusals(arguments):
    master = SAE(arguments.pki, arguments.master, arguments.alice_ns)
    slave = SAE(arguments.pki, arguments.slave, arguments.bob_ns)
    enc = f"{arguments.alice_url}/api/v1/keys/{arguments.slave}/enc_keys?number=1"
    dec = f"{arguments.bob_url}/api/v1/keys/{arguments.master}/dec_keys"
    seen = {}

    # TLS: a certificate with the master's name from another CA, and no certificate at all.
    stranger = SAE(arguments.pki, "other-ca-" + arguments.master, arguments.alice_ns)
    stranger.ca = master.ca
    anonymous = SAE(arguments.pki, arguments.master, arguments.alice_ns)
    anonymous.certificate = None
    before = master.json_call(f"{arguments.alice_url}/api/v1/keys/{arguments.slave}/status")["stored_key_count"]
    for who, caller in (("another CA's certificate", stranger), ("no certificate", anonymous)):
        exit_status, http, text, error = caller.call(enc)
        if exit_status == 0 or http != "000":
            fail(f"{who}: expected the TLS handshake refused (no HTTP answer), got curl exit {exit_status}, HTTP {http} {text[:200]}")
        seen[who] = f"curl exit {exit_status}"
    after = master.json_call(f"{arguments.alice_url}/api/v1/keys/{arguments.slave}/status")["stored_key_count"]
    if after != before:
        fail(f"refused TLS clients changed Alice's stored_key_count from {before} to {after}")

    checks = [
        ("unknown slave SAE in the path", master, f"{arguments.alice_url}/api/v1/keys/sae-nobody/enc_keys?number=1", "400", "unknown"),
        ("unknown master SAE in the path", slave, f"{arguments.bob_url}/api/v1/keys/sae-nobody/dec_keys?key_ID={key_id(1, 0)}",
         "400", "unknown"),
        ("the slave asking enc_keys", SAE(arguments.pki, arguments.slave, arguments.alice_ns), enc, "401", "not authorized"),
        ("the master asking dec_keys", SAE(arguments.pki, arguments.master, arguments.bob_ns), f"{dec}?key_ID={key_id(1, 0)}",
         "401", "not authorized"),
        ("an unknown key_ID", slave, f"{dec}?key_ID={key_id(1 << 40, 7)}", "400", "unknown"),
        ("a malformed key_ID", slave, f"{dec}?key_ID=not-a-key-id", "400", "not a key id"),
    ]
    for what, caller, url, status, phrase in checks:
        body = caller.json_call(url, expect=status)
        message = expect_error_body(body, what)
        if phrase not in message:
            fail(f"{what}: expected a message with {phrase!r}, got {message!r}")
        seen[what] = f"{status} {message}"
    for what, result in seen.items():
        print(f"link: refused, {what}: {result}")


def wait_finished(arguments):
    started = time.monotonic()
    deadline = started + arguments.timeout_s
    pids = [int(pid) for pid in arguments.pid]
    while True:
        results = []
        for path in arguments.result:
            try:
                with open(path) as file:
                    results.append(json.load(file))
            except (OSError, ValueError):
                results.append(None)
        if all(result is not None and result.get("finished") is True for result in results):
            break
        for pid in pids:
            try:
                os.kill(pid, 0)
            except OSError:
                fail(f"node process {pid} exited before both results said finished")
        if time.monotonic() > deadline:
            progress = [None if result is None else result.get("blocksFinished") for result in results]
            fail(f"not finished after {arguments.timeout_s} s (blocksFinished per node: {progress})")
        time.sleep(0.25)
    for path, result in zip(arguments.result, results):
        blocks = result.get("blocks", [])
        committed = sum(1 for block in blocks if block.get("outcome") in COMMITTED)
        if committed < arguments.minimum_committed:
            reasons = [(block.get("outcome"), block.get("abortReason"), block.get("detail"))
                       for block in blocks if block.get("outcome") not in COMMITTED]
            fail(f"{path}: {committed} blocks committed, the lane needs {arguments.minimum_committed}; aborts: {reasons}")
        alignment = result.get("alignment") or {}
        outcomes = ", ".join(f"{block.get('blockID')} {block.get('outcome')}"
                             f"{' (' + str(block.get('abortReason')) + ': ' + str(block.get('detail')) + ')' if block.get('abortReason') or block.get('detail') else ''}"
                             f" {block.get('keys', 0)} keys {block.get('seconds', 0):.1f} s" for block in blocks)
        qbers = [round(block["qber"], 4) for block in blocks if block.get("qber") is not None]
        line = (f"link: {result.get('node')}: {result.get('blocksFinished')} blocks ({outcomes}), {committed} committed, "
                f"{result.get('keysReady')} keys ready, QBER {qbers}")
        if alignment:
            line += f", offset {alignment.get('offsetCycles')} cycles (true {alignment.get('trueOffsetCycles')})"
        print(line)
    print(f"link: both results finished after {time.monotonic() - started:.1f} s of waiting")


def kill_when(arguments):
    """SIGKILL `--pid` at the first of: a `*.pending` file under `--pending-in` (Alice's commit
    window: her block written pending, Bob's commit maybe not yet), or `--after-s` seconds after
    `--log` first contains `--log-line`. Polls every 2 ms; prints which point it hit. With
    `--freeze-s F` the process is stopped (SIGSTOP) at that point and killed F seconds later: what
    the peer sends meanwhile reaches its socket but is never taken nor acknowledged, so the link
    sends it again to the restarted process."""
    import glob
    import signal
    deadline = time.monotonic() + arguments.timeout_s
    line_seen_at = None
    while time.monotonic() < deadline:
        if arguments.pending_in and glob.glob(os.path.join(arguments.pending_in, "**", "*.pending"), recursive=True):
            hit = "a block of Alice's pending"
            break
        if line_seen_at is None and arguments.log_line:
            try:
                with open(arguments.log, errors="replace") as file:
                    if arguments.log_line in file.read():
                        line_seen_at = time.monotonic()
            except OSError:
                pass
        if line_seen_at is not None and time.monotonic() - line_seen_at >= arguments.after_s:
            hit = f"{arguments.after_s:g} s after '{arguments.log_line}', mid-block"
            break
        time.sleep(0.002)
    else:
        fail(f"no kill point within {arguments.timeout_s} s")
    try:
        if arguments.freeze_s > 0:
            os.kill(arguments.pid, signal.SIGSTOP)
            time.sleep(arguments.freeze_s)
            hit += f", frozen {arguments.freeze_s:g} s first"
        os.kill(arguments.pid, signal.SIGKILL)
    except OSError as error:
        fail(f"process {arguments.pid} could not be killed at the kill point ({hit}): {error}")
    print(hit)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    waiting = commands.add_parser("wait-finished")
    waiting.add_argument("--timeout-s", type=float, required=True)
    waiting.add_argument("--pid", action="append", default=[], help="a node process that must stay alive")
    waiting.add_argument("--minimum-committed", type=int, default=1)
    waiting.add_argument("result", nargs="+")
    killing = commands.add_parser("kill-when")
    killing.add_argument("--pid", type=int, required=True)
    killing.add_argument("--pending-in", help="a state folder whose *.pending files are the kill point")
    killing.add_argument("--log", help="a node log")
    killing.add_argument("--log-line", help="text in --log that starts the --after-s clock")
    killing.add_argument("--after-s", type=float, default=0)
    killing.add_argument("--freeze-s", type=float, default=0, help="SIGSTOP at the kill point, SIGKILL this much later")
    killing.add_argument("--timeout-s", type=float, required=True)
    for name in ("deliver", "refusals"):
        command = commands.add_parser(name)
        command.add_argument("--pki", required=True, help="folder of lab-ca.pem and SAE certificates")
        command.add_argument("--alice-ns", required=True)
        command.add_argument("--bob-ns", required=True)
        command.add_argument("--alice-url", required=True, help="https://HOST:PORT of Alice's KME, seen from her namespace")
        command.add_argument("--bob-url", required=True, help="https://HOST:PORT of Bob's KME, seen from his namespace")
        command.add_argument("--master", required=True, help="the master SAE id (its certificate's CN)")
        command.add_argument("--slave", required=True, help="the slave SAE id")
        command.add_argument("--number", type=int, default=0, help="keys to hand out (0: all stored)")
        command.add_argument("--minimum-keys", type=int, default=1)
        command.add_argument("--settle-s", type=float, default=60, help="how long a reservation may take to cross the link")
    arguments = parser.parse_args()
    try:
        {"wait-finished": wait_finished, "deliver": deliver, "refusals": refusals, "kill-when": kill_when}[arguments.command](arguments)
    except LaneFailure as failure:
        print(f"link: FAILED: {failure}", file=sys.stderr)
        return 1
    except (subprocess.TimeoutExpired, KeyError, ValueError) as error:
        print(f"link: FAILED: unexpected answer: {error!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
