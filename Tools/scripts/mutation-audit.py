#!/usr/bin/env python3
"""Mutation audit of qdot's input handling, end to end through the binary.

Every numeric value in the shipped experiment, station, board and timing-profile files is replaced,
one at a time, by extreme values (0, −1, ±2⁶³, 10³⁰⁸, inf, nan, …); every numeric command-line option
gets the same treatment. For each mutant:
  - `qdot check` must not crash, and its refusals must use the one error form
    `FILE:LINE: FIELD: expected …, found …`;
  - if `qdot check` accepts it, `qdot sim` must run it (no exit 2: check accepts exactly what sim
    can run) and must not crash;
  - no run may exit 0 while printing FAULT, and no exit may be a signal (a Swift trap).
A run still going after --sim-seconds is stopped with SIGTERM and must then exit 4.

Usage: Tools/scripts/mutation-audit.py [--qdot PATH] [--sim-seconds S] [--limit N]
Prints a line per finding and a summary; exits 1 if anything was found.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile

PI_EXPERIMENT = "raspberry-pi-bell-chsh.experiment.toml"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXTREMES = ["0", "-1", "1", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
            "1e308", "-1e308", "inf", "-inf", "nan", "4294967296", "1e12", "0.5", "-0.000001"]
NUMBER_LINE = re.compile(r'^(\s*[A-Za-z0-9_.-]+\s*=\s*)(-?[0-9][0-9_.eE+-]*)(.*)$')
# The one error form for file mistakes (issue 15); the path is whatever qdot was given.
# A clause may stand between the field and "expected" ("scan: at scan gate delay 0 ns: expected …").
ERROR_FORM = re.compile(r'^(error: )?\S+:\d+: [^:]+: (.+: )?expected .+, found .+')


def run(argv, seconds):
    """Runs qdot; returns (exit status or −signal, stdout+stderr, timed out)."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=SCRATCH)
    try:
        output, _ = process.communicate(timeout=seconds)
        return process.returncode, output.decode("utf-8", "replace"), False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        return process.returncode, output.decode("utf-8", "replace"), True


def crashed(status, output):
    return status < 0 or status >= 128 or "Fatal error" in output or "Illegal instruction" in output


def mutants(path):
    lines = open(path).read().split("\n")
    for index, line in enumerate(lines):
        match = NUMBER_LINE.match(line)
        if not match:
            continue
        for value in EXTREMES:
            if value == match.group(2):
                continue
            mutated = list(lines)
            mutated[index] = match.group(1) + value + match.group(3)
            yield index + 1, line.strip(), value, "\n".join(mutated)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--qdot", default=os.path.join(ROOT, ".build/release/qdot"))
    parser.add_argument("--sim-seconds", type=float, default=5)
    parser.add_argument("--limit", type=int, default=0, help="at most this many mutants per file (0: all)")
    options = parser.parse_args()
    qdot = os.path.abspath(options.qdot)
    findings, runs = [], 0

    def finding(kind, what, status, output):
        tail = " | ".join(output.strip().splitlines()[-2:])[:300]
        findings.append(f"{kind}: {what} → exit {status}: {tail}")
        print(findings[-1], flush=True)

    def check_then_sim(name, check_args, sim_args, what):
        nonlocal runs
        runs += 1
        status, output, _ = run([qdot, "check"] + check_args, 60)
        if crashed(status, output):
            return finding("CRASH in check", what, status, output)
        if status == 2:
            bad = [line for line in output.splitlines()
                   if line.removeprefix("error: ").startswith(name + ":") and not ERROR_FORM.match(line)]
            if bad:
                finding("ERROR FORM", what, status, "\n".join(bad))
            return
        if status != 0:
            return finding("CHECK EXIT", what, status, output)
        runs += 1
        status, output, timed_out = run([qdot, "sim"] + sim_args + ["--output", "mutant.result.json", "--no-record"],
                                        options.sim_seconds)
        if crashed(status, output) and not (timed_out and status == -signal.SIGTERM):
            return finding("CRASH in sim", what, status, output)
        if timed_out and status not in (0, 4):
            return finding("SIGTERM NOT EXIT 4", what, status, output)
        if status == 2:
            return finding("CHECK ACCEPTS, SIM REFUSES", what, status, output)
        if status == 0 and "FAULT" in output:
            return finding("EXIT 0 WITH FAULT", what, status, output)

    files = [
        ("experiment", os.path.join(ROOT, "Experiments/bell-chsh.experiment.toml")),
        ("experiment", os.path.join(ROOT, "Experiments/bbm92.experiment.toml")),
        ("experiment", os.path.join(ROOT, "Experiments/gate-delay-scan.experiment.toml")),
        ("experiment", os.path.join(ROOT, "Experiments/g2.experiment.toml")),
        ("station", os.path.join(ROOT, "Board/simulated.station.toml")),
        ("board", os.path.join(ROOT, "Board/simulated-raspberry-pi-4.board.toml")),
        ("profile", os.path.join(ROOT, "Board/profiles/raspberry-pi-4.profile.toml")),
    ]
    for kind, path in files:
        name = f"mutant.{os.path.basename(path)}"
        for count, (line, original, value, text) in enumerate(mutants(path)):
            if options.limit and count >= options.limit:
                break
            with open(os.path.join(SCRATCH, name), "w") as file:
                file.write(text)
            what = f"{os.path.basename(path)}:{line} `{original}` → {value}"
            experiment = "bell-chsh.experiment.toml"
            if kind == "experiment":
                check_then_sim(name, [name], ["--experiment", name], what)
            elif kind == "station":
                check_then_sim(name, [name, experiment, "--station", name],
                               ["--experiment", experiment, "--station", name], what)
            elif kind == "board":
                # A board is checked as sim uses it: with an experiment for it and the built-in station.
                check_then_sim(name, [PI_EXPERIMENT, "--board", name],
                               ["--board", name, "--experiment", PI_EXPERIMENT], what)
            else:
                check_then_sim(name, [name], ["--board", "simulated-raspberry-pi-4", "--profile", name, "--cycles", "1000"], what)

    # Numeric command-line options.
    options_under_test = [
        ("sim", ["--cycles"]), ("sim", ["--duration"]), ("sim", ["--seed"]), ("sim", ["--interlock-opens-at"]),
        ("sim", ["--click-probability"]), ("sim", ["--tag-resolution-ps"]),
        ("analyze", ["--window-ns"]), ("latency", ["--duration"]), ("latency", ["--period-us"]),
    ]
    subprocess.run([qdot, "sim", "--experiment", "bell-chsh.experiment.toml", "--record", "audit.qdotrec",
                    "--output", "audit.result.json"], cwd=SCRATCH, capture_output=True)
    for command, option in options_under_test:
        for value in EXTREMES:
            runs += 1
            argv = [qdot, command]
            if command == "analyze":
                argv += ["audit.qdotrec", "--output", "audit.findings.json"]
            elif command == "sim":
                argv += ["--output", "mutant.result.json"] + ([] if option[0] in ("--cycles", "--duration") else ["--cycles", "1000"])
                if option[0] == "--tag-resolution-ps":
                    argv += ["--tags", "mutant.ptu"]
            argv += option + [value]
            what = f"qdot {command} {' '.join(option)} {value}"
            status, output, timed_out = run(argv, options.sim_seconds)
            if crashed(status, output) and not (timed_out and status == -signal.SIGTERM):
                finding("CRASH", what, status, output)
            elif "Missing value" in output:
                finding("NEGATIVE NUMBER AS MISSING VALUE", what, status, output)
            elif status == 64 and option[0] not in output:
                finding("CLI ERROR WITHOUT OPTION", what, status, output)
            elif status == 0 and "FAULT" in output:
                finding("EXIT 0 WITH FAULT", what, status, output)

    print(f"mutation audit: {runs} qdot runs, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="qdot-mutation-audit.") as scratch:
        SCRATCH = scratch
        for example in ["bell-chsh.experiment.toml", PI_EXPERIMENT]:
            with open(os.path.join(ROOT, "Experiments", example)) as source, open(os.path.join(scratch, example), "w") as copy:
                copy.write(source.read())
        sys.exit(main())
