#!/usr/bin/env bash
# npm run dev: build, then start the Mavi simulator and a real n8n with this package installed,
# the examples imported and the trigger wired up (tools/dev/dev.js). Ctrl-C stops everything.
#   MAVI_API_KEY=sk-...        use the real Mavi service instead of the simulator
#   MAVI_DEV_SKIP_BUILD=1      reuse the current dist/
#   MAVI_DEV_PORT=5678         preferred n8n port (a free one is picked when taken)
#   MAVI_DEV_WEBHOOK_URL=https://host/   public base URL of n8n for the real Mavi webhook
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${MAVI_DEV_SKIP_BUILD:-}" ]; then
  npm run build
fi
exec node tools/dev/dev.js
