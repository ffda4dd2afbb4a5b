#!/bin/sh
# Runs the given command (the app) under `litestream replicate -exec` when a replica is configured
# (LITESTREAM_REPLICA_URL), and directly otherwise, so a local run or a VM without a bucket still
# starts. `make run` and the container both start the app through this script.
#   backups/run-with-litestream.sh node dist/src/main.js
set -e
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$LITESTREAM_REPLICA_URL" ]; then
  exec "$@"
fi
# litestream.yml names ${DATA_DIR}/lumina.db: give it the app's folder (default ./data) as an absolute path.
DATA_DIR=${DATA_DIR:-./data}
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
export DATA_DIR
if [ -z "$LITESTREAM_BIN" ]; then
  # The platform binary itself, found as src/ops/litestream.ts finds it: the package's node wrapper
  # (node_modules/.bin/litestream) neither forwards SIGTERM nor passes on the exit code, so a deploy
  # would orphan the app. Else `litestream` on PATH.
  LITESTREAM_BIN=$(cd "$here/.." && node -e '
    const path = require("node:path"), fs = require("node:fs")
    try {
      const pkg = require.resolve(`@flydotio/litestream-${process.platform}-${process.arch}/package.json`, { paths: [process.cwd()] })
      const bin = path.join(path.dirname(pkg), "litestream")
      if (fs.existsSync(bin)) process.stdout.write(bin)
    } catch {}' 2>/dev/null || true)
  LITESTREAM_BIN=${LITESTREAM_BIN:-litestream}
fi
if ! command -v "$LITESTREAM_BIN" >/dev/null 2>&1; then
  echo "run-with-litestream: LITESTREAM_REPLICA_URL is set but litestream was not found (npm ci installs it on Linux x64; or set LITESTREAM_BIN)" >&2
  exit 1
fi
# Litestream starts the app, forwards SIGTERM to it, syncs the last WAL changes and exits with it.
exec "$LITESTREAM_BIN" replicate -config "${LITESTREAM_CONFIG:-$here/litestream.yml}" -exec "$*"
