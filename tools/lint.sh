#!/usr/bin/env bash
# @nx/enforce-module-boundaries skips itself when no project graph is cached, so compute the
# graph first: without it the boundaries would only exist on paper.
set -euo pipefail
cd "$(dirname "$0")/.."
NX_DAEMON=false npx nx show projects >/dev/null
npx eslint . --max-warnings=0
