#!/bin/sh
# Fly mounts the data volume owned by root. Hand it to the unprivileged `node` user once,
# then drop root for good: the app itself never runs as root.
set -e
if [ "$(id -u)" = "0" ]; then
  mkdir -p "$DATA_DIR"
  chown -R node:node "$DATA_DIR"
  exec setpriv --reuid=node --regid=node --init-groups "$@"
fi
exec "$@"
