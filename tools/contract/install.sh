#!/usr/bin/env bash
# Installs the pinned Schemathesis once per machine into
# ${PATHWISE_CACHE_DIR:-~/.cache/pathwise}/tools/schemathesis-<version>/ (a venv, from PyPI) and
# prints the command that runs it. Built in a scratch folder and renamed into place, so an
# interrupted or concurrent install never leaves a half-built venv that later runs would trust.
set -euo pipefail
SCHEMATHESIS_VERSION=4.32.5

cache_dir="${PATHWISE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pathwise}"
tools_dir="$cache_dir/tools"
dir="$tools_dir/schemathesis-$SCHEMATHESIS_VERSION"
mkdir -p "$tools_dir"
if [[ ! -f "$dir/.complete" ]]; then
  tmp="$(mktemp -d "$tools_dir/.building.XXXXXX")"
  started=$SECONDS
  echo "contract: installing schemathesis $SCHEMATHESIS_VERSION (once per machine)…" >&2
  if ! { python3 -m venv "$tmp/venv" && "$tmp/venv/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir "schemathesis==$SCHEMATHESIS_VERSION" >&2; }; then
    rm -rf "$tmp"
    echo "contract: installing schemathesis failed" >&2
    exit 1
  fi
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  echo "contract: installed schemathesis in $((SECONDS - started))s" >&2
fi
# Through the venv's python: script shebangs would still name the scratch folder it was built in.
echo "$dir/venv/bin/python -m schemathesis.cli"
