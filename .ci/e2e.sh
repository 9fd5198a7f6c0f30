#!/usr/bin/env bash
# End-to-end tests in a real n8n (called from .ci/run after the build): Debian's Chromium for the editor check,
# then `npm run test:e2e`. The first run installs n8n 2.41.1 and Node 24 into ~/.cache/n8n-nodes-plumvoice
# (about 3.5 minutes, 2.9 GB; PLUM_N8N_CACHE moves it).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
	echo "== installing Debian's chromium (for the editor screenshot test)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium >/dev/null
fi

echo "== e2e tests (real n8n, sandbox, headless Chromium; all on 127.0.0.1)"
npm run test:e2e
