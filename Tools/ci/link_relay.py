#!/usr/bin/env python3
"""A TCP relay between Alice's and Bob's `qdot link` nodes for the link lane (Tools/ci/link.sh).

Alice's `--link` points here; every connection is forwarded to Bob's `[link] listen` address, and
on the way the relay makes the faults issue 14 asks for:

- delay: every chunk read is written to the other side `--delay-ms` later (order kept);
- cuts: every `--cut-every-s` seconds all relayed connections are closed, both sockets at once
  (Alice reconnects, both resend what the peer did not acknowledge, docs/link-transport.md);
- reordering: every `--swap-every-s` seconds the next two chunks read in one direction are
  written in swapped order, which corrupts the byte stream (a frame's tag or sequence check fails),
  so the nodes must close that connection and resume on a new one. A held chunk with no second
  chunk after 0.5 s goes out alone, in order, and the swap waits for the next pair.

Counters (connections, cuts, swaps, bytes each way) go to `--stats` as JSON, rewritten every second
and at exit, so the lane can assert that the faults really happened. SIGTERM or SIGINT stops it.
Only the standard library; Python 3.9 or later.
"""

import argparse
import asyncio
import json
import os
import signal
import sys
import time


def host_port(text):
    """HOST:PORT → (host, port); argparse reports a bad value with the option's name."""
    host, separator, port = text.rpartition(":")
    if not separator or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT")
    return host, int(port)


class Relay:
    """Listens on one address, forwards to another, and injects delay, cuts and swaps."""

    def __init__(self, arguments):
        self.arguments = arguments
        self.delay_s = arguments.delay_ms / 1000
        self.connections = set()          # (downstream writer, upstream writer) pairs alive
        self.stats = {"accepted": 0, "upstreamFailures": 0, "cuts": 0, "connectionsCut": 0,
                      "swaps": 0, "bytesAliceToBob": 0, "bytesBobToAlice": 0}
        self.swap_armed = False

    def write_stats(self):
        if not self.arguments.stats:
            return
        temporary = self.arguments.stats + ".tmp"
        with open(temporary, "w") as file:
            json.dump(self.stats, file)
        os.replace(temporary, self.arguments.stats)

    async def handle(self, down_reader, down_writer):
        self.stats["accepted"] += 1
        try:
            up_reader, up_writer = await asyncio.wait_for(
                asyncio.open_connection(*self.arguments.upstream), timeout=5)
        except (OSError, asyncio.TimeoutError):
            self.stats["upstreamFailures"] += 1
            down_writer.close()
            return
        pair = (down_writer, up_writer)
        self.connections.add(pair)
        try:
            await asyncio.gather(
                self.pump(down_reader, up_writer, "bytesAliceToBob"),
                self.pump(up_reader, down_writer, "bytesBobToAlice"))
        finally:
            self.connections.discard(pair)
            for writer in pair:
                writer.close()

    async def pump(self, reader, writer, counter):
        """Reads chunks and writes each `delay_s` after it arrived, in order; closes on EOF."""
        queue = asyncio.Queue()

        async def deliver():
            while True:
                due, chunk = await queue.get()
                if chunk is None:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if writer.is_closing():
                    break
                writer.write(chunk)
                try:
                    await writer.drain()
                except OSError:
                    break
            if not writer.is_closing():
                writer.close()

        delivering = asyncio.ensure_future(deliver())
        held = None
        try:
            while True:
                timeout = 0.5 if held is not None else None
                try:
                    chunk = await asyncio.wait_for(reader.read(65536), timeout=timeout)
                except asyncio.TimeoutError:
                    queue.put_nowait(held)            # no second chunk came: send it in order, swap later
                    held = None
                    self.swap_armed = True
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                self.stats[counter] += len(chunk)
                due = time.monotonic() + self.delay_s
                if held is None and self.swap_armed:
                    self.swap_armed = False
                    held = (due, chunk)
                elif held is not None:
                    queue.put_nowait((due, chunk))
                    queue.put_nowait((due, held[1]))
                    held = None
                    self.stats["swaps"] += 1
                else:
                    queue.put_nowait((due, chunk))
        finally:
            if held is not None:
                queue.put_nowait(held)
            queue.put_nowait((0, None))
            await delivering

    def cut_all(self):
        self.stats["cuts"] += 1
        self.stats["connectionsCut"] += len(self.connections)
        for down_writer, up_writer in list(self.connections):
            for writer in (down_writer, up_writer):
                transport = writer.transport
                transport.abort() if hasattr(transport, "abort") else transport.close()

    async def every(self, seconds, action):
        while True:
            await asyncio.sleep(seconds)
            action()

    async def run(self):
        server = await asyncio.start_server(self.handle, *self.arguments.listen)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signal_number, stop.set)
        tasks = [asyncio.ensure_future(self.every(1.0, self.write_stats))]
        if self.arguments.cut_every_s > 0:
            tasks.append(asyncio.ensure_future(self.every(self.arguments.cut_every_s, self.cut_all)))
        if self.arguments.swap_every_s > 0:
            tasks.append(asyncio.ensure_future(
                self.every(self.arguments.swap_every_s, lambda: setattr(self, "swap_armed", True))))
        print(f"link_relay: {self.arguments.listen[0]}:{self.arguments.listen[1]} → "
              f"{self.arguments.upstream[0]}:{self.arguments.upstream[1]}, delay {self.arguments.delay_ms} ms, "
              f"cut every {self.arguments.cut_every_s} s, swap every {self.arguments.swap_every_s} s", flush=True)
        await stop.wait()
        server.close()
        for task in tasks:
            task.cancel()
        self.cut_all()
        self.stats["cuts"] -= 1           # the closing cut is not a fault
        self.write_stats()
        print(f"link_relay: stopped, {json.dumps(self.stats)}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", type=host_port, required=True, help="HOST:PORT Alice connects to")
    parser.add_argument("--upstream", type=host_port, required=True, help="HOST:PORT of Bob's node")
    parser.add_argument("--delay-ms", type=float, default=0, help="added one-way delay per chunk")
    parser.add_argument("--cut-every-s", type=float, default=0, help="close every connection this often (0: never)")
    parser.add_argument("--swap-every-s", type=float, default=0, help="swap two chunks of one direction this often (0: never)")
    parser.add_argument("--stats", help="JSON counters file")
    arguments = parser.parse_args()
    if arguments.delay_ms < 0 or arguments.cut_every_s < 0 or arguments.swap_every_s < 0:
        parser.error("--delay-ms, --cut-every-s and --swap-every-s must not be negative")
    asyncio.run(Relay(arguments).run())


if __name__ == "__main__":
    sys.exit(main())
