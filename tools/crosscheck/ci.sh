#!/usr/bin/env bash
# Cross-check of RoleLayer's statistics kernels against the pinned reference libraries.
# Called from .ci/run; run from anywhere. Exit status: non-zero when any family disagrees.
set -euo pipefail
cd "$(dirname "$0")/../.."

start=$SECONDS
PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check -r tools/crosscheck/requirements.txt
echo "crosscheck: pip install took $((SECONDS - start)) s"

start=$SECONDS
swift build --product rolelayer-crosscheck
echo "crosscheck: adapter build took $((SECONDS - start)) s"

# Last, so its closing line "N passed, M failed" (families) is this script's last line; the run
# prints its own timings just above it.
exec python3 tools/crosscheck/crosscheck.py --swift-bin .build/debug/rolelayer-crosscheck
