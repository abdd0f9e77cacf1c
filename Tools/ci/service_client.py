"""Small HTTP helpers for the service lane (Tools/ci/service_checks.py): requests with a bearer
token, Prometheus text parsing, a live-stream (SSE) reader, and `qdot serve` processes started on
a free loopback port and always stopped. Python 3 standard library only. docs/service.md is the
contract these follow."""

import http.client
import json
import os
import re
import select
import signal
import socket
import subprocess
import threading
import time

LOOPBACK = "127.0.0.1"
REQUEST_TIMEOUT_SECONDS = 10


class LaneFailure(Exception):
    """A check failed; the message says which and what was seen."""


def require(condition, message):
    if not condition:
        raise LaneFailure(message)


def free_loopback_port():
    """A port nothing listens on now (bound to 127.0.0.1:0, read, closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        """`headers` by lower-case name."""
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError as error:
            raise LaneFailure(f"answer {self.status} is not JSON ({error}): {self.body[:200]!r}")


class Client:
    """Requests to one `qdot serve` at http://127.0.0.1:PORT, with its token unless told otherwise."""

    def __init__(self, port, token):
        self.port = port
        self.token = token

    def request(self, method, path, body=None, content_type=None, token="default"):
        """`path` goes on the request line exactly as given (no normalising of `..` or `%2F`)."""
        token = self.token if token == "default" else token
        headers = {}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if content_type is not None:
            headers["Content-Type"] = content_type
        if isinstance(body, str):
            body = body.encode()
        connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=REQUEST_TIMEOUT_SECONDS)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            headers = {name.lower(): value for name, value in answer.getheaders()}
            return Response(answer.status, headers, answer.read())
        except (OSError, http.client.HTTPException) as error:
            raise LaneFailure(f"{method} {path}: {type(error).__name__}: {error}")
        finally:
            connection.close()

    def oversize_status(self, path, body, content_type):
        """POSTs a body the server should refuse, as curl does: in 4 KiB pieces, stopping as soon
        as an answer arrives (a server may answer 413 from the Content-Length alone and close
        without reading the rest; writing on would then end in a reset that loses the answer).
        Returns the status code."""
        body = body.encode() if isinstance(body, str) else body
        head = (f"POST {path} HTTP/1.1\r\nHost: {LOOPBACK}:{self.port}\r\nAuthorization: Bearer {self.token}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        answer = b""
        with socket.create_connection((LOOPBACK, self.port), timeout=REQUEST_TIMEOUT_SECONDS) as connection:
            try:
                connection.sendall(head)
                for offset in range(0, len(body), 4096):
                    if select.select([connection], [], [], 0)[0]:
                        break
                    connection.sendall(body[offset:offset + 4096])
            except (BrokenPipeError, ConnectionResetError):
                pass
            try:
                while b"\r\n" not in answer:
                    piece = connection.recv(4096)
                    if not piece:
                        break
                    answer += piece
            except (ConnectionResetError, socket.timeout) as error:
                if b"\r\n" not in answer:
                    raise LaneFailure(f"POST {path} with {len(body)} bytes: {type(error).__name__} before any answer")
        status_line = answer.split(b"\r\n", 1)[0].decode(errors="replace")
        parts = status_line.split()
        require(len(parts) >= 2 and parts[1].isdigit(), f"POST {path} with {len(body)} bytes: no status line, got {answer[:100]!r}")
        return int(parts[1])

    def get_json(self, path):
        answer = self.request("GET", path)
        require(answer.status == 200, f"GET {path}: {answer.status} {answer.body[:200]!r}, expected 200")
        return answer.json()

    def post_json(self, path, document, expected_status):
        answer = self.request("POST", path, json.dumps(document), "application/json")
        require(answer.status == expected_status,
                f"POST {path} {document}: {answer.status} {answer.body[:300]!r}, expected {expected_status}")
        return answer.json()

    def status(self):
        return self.get_json("/api/v1/status")

    def metrics_text(self):
        answer = self.request("GET", "/metrics")
        require(answer.status == 200, f"GET /metrics: {answer.status}, expected 200")
        return answer.body.decode()

    def wait_for_run_end(self, run_id, timeout_seconds):
        """Polls the run's entry until it is no longer running or stopping; returns the entry."""
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            entry = self.get_json(f"/api/v1/runs/{run_id}")
            if entry["state"] not in ("running", "stopping"):
                return entry
            time.sleep(0.2)
        raise LaneFailure(f"run {run_id} did not end within {timeout_seconds} s")


SAMPLE_LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)(\s+\S+)?$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text):
    """Prometheus text format 0.0.4 → {(name, ((label, value), …sorted)): float}."""
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE_LINE.match(line)
        require(match is not None, f"/metrics: unreadable line {line!r}")
        name, labels, value = match.group(1), match.group(2) or "", match.group(3)
        key = (name, tuple(sorted(LABEL.findall(labels))))
        samples[key] = float(value)
    return samples


def metric(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


class LiveReader(threading.Thread):
    """One live-stream client reading `event: frame` frames until told to stop."""

    def __init__(self, port, token):
        super().__init__(daemon=True)
        self.port = port
        self.token = token
        self.frames = 0
        self.frame_times = []
        self.last_frame = None
        self.error = None
        self.connected = threading.Event()
        self.stopping = threading.Event()
        self.connection = None

    def stop(self):
        """Ends the stream from this side at once, whether or not a frame is on its way."""
        self.stopping.set()
        connection = self.connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def run(self):
        # 30 s: frames come every 100 ms and keep-alive comments when idle; only a stuck stream waits this long.
        connection = self.connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=30)
        try:
            connection.request("GET", "/api/v1/live", headers={
                "Authorization": f"Bearer {self.token}", "Accept": "text/event-stream"})
            answer = connection.getresponse()
            if answer.status != 200:
                self.error = f"live stream answered {answer.status}"
                return
            self.connected.set()
            event = None
            while not self.stopping.is_set():
                line = answer.readline()
                if not line:
                    if not self.stopping.is_set():
                        self.error = "the server closed the live stream"
                    return
                line = line.decode().rstrip("\r\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:") and event == "frame":
                    self.last_frame = json.loads(line[5:])
                    self.frames += 1
                    self.frame_times.append(time.monotonic())
                elif line == "":
                    event = None
        except (OSError, http.client.HTTPException, ValueError) as error:
            if not self.stopping.is_set():
                self.error = f"{type(error).__name__}: {error}"
        finally:
            self.connected.set()
            connection.close()


def stalled_live_client(port, token):
    """A live-stream client that sends its request and never reads: a small receive buffer, so
    the server's side fills within seconds. The caller closes the socket."""
    stalled = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    stalled.settimeout(REQUEST_TIMEOUT_SECONDS)
    stalled.connect((LOOPBACK, port))
    stalled.sendall((f"GET /api/v1/live HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\n"
                     f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n").encode())
    return stalled


class Scraper(threading.Thread):
    """Scrapes /metrics every `interval_seconds` until told to stop; counts answers and failures."""

    def __init__(self, client, interval_seconds=0.1):
        super().__init__(daemon=True)
        self.client = client
        self.interval_seconds = interval_seconds
        self.scrapes = 0
        self.failures = []
        self.longest_seconds = 0.0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                parse_metrics(self.client.metrics_text())
                self.scrapes += 1
            except LaneFailure as failure:
                self.failures.append(str(failure))
            took = time.monotonic() - started
            self.longest_seconds = max(self.longest_seconds, took)
            self.stopping.wait(max(0.0, self.interval_seconds - took))


class ServeProcess:
    """`qdot serve` on a free loopback port, its output in a log file; `stop()` always ends it."""

    def __init__(self, qdot, token_file, data_folder, log_path, extra_arguments):
        self.port = free_loopback_port()
        self.arguments = [qdot, "serve", "--listen", f"{LOOPBACK}:{self.port}", "--token-file", token_file,
                          "--data", data_folder] + list(extra_arguments)
        self.log_path = log_path
        self.process = None

    def start(self, token, ready_timeout_seconds=60):
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.arguments, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        client = Client(self.port, token)
        deadline = time.monotonic() + ready_timeout_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LaneFailure(f"{' '.join(self.arguments)} exited with {self.process.returncode}: "
                                  f"{self.output()[-2000:]}")
            try:
                if client.request("GET", "/api/v1/status").status == 200:
                    return client
            except LaneFailure:
                pass
            time.sleep(0.2)
        raise LaneFailure(f"{' '.join(self.arguments)}: no /api/v1/status within {ready_timeout_seconds} s")

    def output(self):
        with open(self.log_path, "rb") as log:
            return log.read().decode(errors="replace")

    def stop(self):
        """SIGTERM, then SIGKILL after 30 s; returns the exit status (None if never started)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()
        return self.process.returncode
