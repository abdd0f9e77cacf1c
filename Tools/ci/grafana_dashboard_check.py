#!/usr/bin/env python3
"""Checks the shipped Grafana dashboard (Tools/deploy/grafana-qdot.json) without a Grafana:
valid JSON; the data source is the ${DS_PROMETHEUS} import input on every panel and query; panel
ids unique; every metric a query names is one docs/service.md lists; counters (`_total`) only
inside rate() or increase(); and every query parses as PromQL (`promtool check rules` on a rules
file of them, with Grafana's $__rate_interval replaced by 1m). Standard library only.
Usage: grafana_dashboard_check.py DASHBOARD.json [--service-doc docs/service.md] [--promtool promtool]"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

DATASOURCE = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
METRIC_NAME = re.compile(r"\bqdot_[a-z_]+")
HISTOGRAM_SERIES = re.compile(r"_(bucket|sum|count)$")


def documented_metrics(service_doc):
    """The metric names in docs/service.md's "Metrics" table (its rows start with | `qdot_…`)."""
    with open(service_doc) as doc:
        return set(re.findall(r"^\| `(qdot_[a-z_]+)", doc.read(), re.MULTILINE))


def problems_of(board, documented):
    problems = []
    inputs = [i for i in board.get("__inputs", []) if i.get("name") == "DS_PROMETHEUS"]
    if not inputs or inputs[0].get("type") != "datasource" or inputs[0].get("pluginId") != "prometheus":
        problems.append("__inputs has no DS_PROMETHEUS data source of plugin prometheus")
    ids = [panel.get("id") for panel in board.get("panels", [])]
    if len(ids) != len(set(ids)) or None in ids:
        problems.append(f"panel ids missing or repeated: {ids}")
    if not ids:
        problems.append("no panels")
    for panel in board.get("panels", []):
        title = panel.get("title", f"panel {panel.get('id')}")
        if panel.get("datasource") != DATASOURCE:
            problems.append(f"{title}: data source {panel.get('datasource')}, expected {DATASOURCE}")
        if not panel.get("targets"):
            problems.append(f"{title}: no queries")
        for target in panel.get("targets", []):
            expr = target.get("expr", "")
            if target.get("datasource") != DATASOURCE:
                problems.append(f"{title}: query {target.get('refId')} has data source {target.get('datasource')}")
            names = METRIC_NAME.findall(expr)
            if not names:
                problems.append(f"{title}: query {expr!r} names no qdot metric")
            for name in names:
                if HISTOGRAM_SERIES.sub("", name) not in documented:
                    problems.append(f"{title}: {name} is not a metric docs/service.md lists")
            for match in re.finditer(r"\bqdot_[a-z_]+_total\b", expr):
                if not re.search(r"\b(rate|increase)\(\s*$", expr[:match.start()]):
                    problems.append(f"{title}: counter {match.group()} used outside rate()/increase(): {expr!r}")
    return problems


def promql_problems(board, promtool):
    """promtool parses every query, as a recording rule."""
    rules = {"groups": [{"name": "grafana-qdot", "rules": []}]}
    for panel in board.get("panels", []):
        for target in panel.get("targets", []):
            expr = target.get("expr", "").replace("$__rate_interval", "1m")
            rules["groups"][0]["rules"].append({"record": f"qdot:panel{panel.get('id')}:{target.get('refId')}", "expr": expr})
    with tempfile.NamedTemporaryFile("w", suffix=".rules.yml", delete=False) as file:
        json.dump(rules, file)   # JSON is YAML
    try:
        check = subprocess.run([promtool, "check", "rules", file.name], capture_output=True, timeout=60)
    finally:
        os.unlink(file.name)
    output = (check.stdout + check.stderr).decode().strip()
    return [] if check.returncode == 0 else [f"promtool check rules: {output}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dashboard")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--service-doc", default=os.path.join(here, "..", "..", "docs", "service.md"))
    parser.add_argument("--promtool", default="promtool")
    arguments = parser.parse_args()
    try:
        with open(arguments.dashboard) as file:
            board = json.load(file)
    except ValueError as error:
        print(f"grafana-dashboard: {arguments.dashboard} is not JSON: {error}", file=sys.stderr)
        return 1
    documented = documented_metrics(arguments.service_doc)
    if not documented:
        print(f"grafana-dashboard: no metrics found in {arguments.service_doc}", file=sys.stderr)
        return 1
    problems = problems_of(board, documented) + promql_problems(board, arguments.promtool)
    for problem in problems:
        print(f"grafana-dashboard: {problem}", file=sys.stderr)
    queries = sum(len(panel.get("targets", [])) for panel in board.get("panels", []))
    if problems:
        return 1
    print(f"grafana-dashboard: {len(board['panels'])} panels, {queries} queries, every metric documented, PromQL parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
