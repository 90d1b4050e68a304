#!/usr/bin/env bash
# The web app's browser tests: Debian's chromium (installed when missing; Playwright's own browser
# download does not work on these machines), the workspace and the web app built, then the jest
# `browser` project against the whole platform on the running infrastructure.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "web: installing Debian's chromium package…"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
    "${sudo[@]}" apt-get update >/dev/null
    "${sudo[@]}" apt-get install -y --no-install-recommends chromium >/dev/null
  }
fi
"${CHROMIUM_PATH:-/usr/bin/chromium}" --version

node tools/web/generate-client.mjs --check
npx tsc -p apps/web/tsconfig.json --noEmit
node tools/build.mjs
node tools/web/build.mjs
npx jest --selectProjects browser --runInBand "$@"
