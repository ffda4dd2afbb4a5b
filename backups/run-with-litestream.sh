#!/bin/sh
# Runs the given command (the app) under `litestream replicate -exec` when an off-site replica is
# configured, and directly otherwise, so a local run or a VM without a bucket still starts.
#   backups/run-with-litestream.sh node dist/src/main.js
set -e
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$LITESTREAM_REPLICA_URL" ]; then
  exec "$@"
fi
if [ -z "$LITESTREAM_BIN" ]; then
  # The platform binary itself: the package's node wrapper (node_modules/.bin/litestream) neither
  # forwards SIGTERM nor passes on the exit code, so a deploy would orphan the app.
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "run-with-litestream: unsupported machine $(uname -m); set LITESTREAM_BIN" >&2; exit 1 ;;
  esac
  LITESTREAM_BIN="$here/../node_modules/@flydotio/litestream-linux-$arch/litestream"
fi
# Litestream starts the app, forwards SIGTERM to it, syncs the last WAL changes and exits with it.
exec "$LITESTREAM_BIN" replicate -config "$here/litestream.yml" -exec "$*"
