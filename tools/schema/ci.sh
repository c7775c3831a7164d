#!/usr/bin/env bash
# Validates real `rolelayer analyze --format json` output against docs/result-schema.json.
# Called from .ci/run; run from anywhere. Exit status non-zero when any result is invalid.
# Results cover: a simulated panel with intervals, B = 0 (no intervals), a tiny file with
# suppressed roles, one wave with a segment filter, and settings overrides.
set -euo pipefail
cd "$(dirname "$0")/../.."

PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check -r tools/schema/requirements.txt
swift build --product rolelayer

bin=.build/debug/rolelayer
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$bin" simulate --organisations 60 --waves 3 --seed 5 --out "$tmp/panel.csv" --no-sidecar 2>/dev/null
head -45 "$tmp/panel.csv" > "$tmp/tiny.csv"
"$bin" analyze "$tmp/panel.csv" --bootstrap 100 --permutations 99 --format json --out "$tmp/panel.json"
"$bin" analyze "$tmp/panel.csv" --bootstrap 0 --format json --out "$tmp/no-bootstrap.json"
"$bin" analyze "$tmp/tiny.csv" --bootstrap 50 --format json --out "$tmp/suppressed.json"
"$bin" analyze "$tmp/panel.csv" --waves 2026-Q2 --segment sector=retail --bootstrap 50 --format json --out "$tmp/segment.json"
"$bin" analyze "$tmp/panel.csv" --bootstrap 20 --permutations 0 --k-respondents 1 --k-organisations 1 \
    --format json --out "$tmp/overrides.json"

exec python3 tools/schema/check.py "$tmp"/*.json
