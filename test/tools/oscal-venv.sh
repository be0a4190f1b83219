#!/usr/bin/env bash
# Sets up .cache/venv-oscal: an isolated Python venv with compliance-trestle (IBM's OSCAL tooling),
# pinned with its dependencies in test/tools/oscal-requirements.txt. test/integration/oscal-trestle.test.ts
# validates `palisade scan --format oscal` output with its `trestle validate`.
#
# Idempotent: does nothing when the venv was built from the current requirements file (a SHA-256
# stamp inside the venv); otherwise rebuilds it from scratch. Called by .ci/run; run it by hand with
#   bash test/tools/oscal-venv.sh
# PYTHON overrides the interpreter (default: python3 on PATH; Python 3.10 or later).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VENV="$ROOT/.cache/venv-oscal"
REQUIREMENTS="$ROOT/test/tools/oscal-requirements.txt"
STAMP="$VENV/.requirements.sha256"
PYTHON="${PYTHON:-python3}"

want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [ -x "$VENV/bin/trestle" ] && [ "$(cat "$STAMP" 2>/dev/null || true)" = "$want" ]; then
  echo "oscal-venv: $VENV is up to date ($("$VENV/bin/trestle" version))"
  exit 0
fi

# Debian's python3 ships venv without ensurepip unless python3-venv is installed.
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  echo "oscal-venv: $PYTHON cannot create a venv; installing python3-venv"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi

echo "oscal-venv: creating $VENV with $("$PYTHON" --version 2>&1)"
rm -rf "$VENV"
mkdir -p "$(dirname "$VENV")"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --no-input --disable-pip-version-check -r "$REQUIREMENTS"
# The stamp is written last: an interrupted install is rebuilt on the next run.
echo "$want" >"$STAMP"
echo "oscal-venv: ready ($("$VENV/bin/trestle" version))"
