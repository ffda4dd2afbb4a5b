#!/bin/sh
# The container's first process. No process of the app runs as root (the privacy policy promises
# it), so:
#   1. Started as root (Fly mounts its volume owned by root): hand DATA_DIR to the app's user, and
#      nothing else, then start this script again as that user with root dropped for good.
#   2. As the app's user: when the database is missing and an off-site replica is configured,
#      restore it from the replica (a new machine, or a volume that died), warning when
#      BACKUP_SIGNING_KEY is missing, then run the command
#      (by default backups/run-with-litestream.sh, which replicates under `litestream -exec`).
# Production defaults; LUMINA_USER exists so test/deploy/entrypoint.test.ts can run this for real.
set -eu

DATA_DIR="${DATA_DIR:-/data}"
export DATA_DIR
user="${LUMINA_USER:-node}"

if [ "$(id -u)" = "0" ]; then
  uid=$(id -u "$user")
  gid=$(id -g "$user")
  if [ "$uid" = "0" ]; then
    echo "docker-entrypoint: refusing to run the app as root (LUMINA_USER=$user)" >&2
    exit 1
  fi
  mkdir -p "$DATA_DIR"
  # Only what is not the user's already (a fresh volume, a file restored as root over ssh), so a
  # restart does not rewrite every inode. -h: a symlink is changed itself, never what it points to.
  find "$DATA_DIR" -xdev \( ! -user "$uid" -o ! -group "$gid" \) -exec chown -h "$uid:$gid" {} +
  HOME=$(getent passwd "$user" | cut -d: -f6)
  export HOME
  exec setpriv --reuid="$user" --regid="$gid" --init-groups -- "$0" "$@"
fi

if [ ! -w "$DATA_DIR" ]; then
  echo "docker-entrypoint: $DATA_DIR is not writable by uid $(id -u); start the container as root once" \
    "(it hands the folder over), or chown it to $(id -u):$(id -g) on the host" >&2
  exit 1
fi

db="$DATA_DIR/lumina.db"
if [ -n "${LITESTREAM_REPLICA_URL:-}" ] && [ ! -e "$db" ]; then
  # The same config the replication uses (backups/litestream.yml, relative to the app folder).
  echo "docker-entrypoint: no database at $db; restoring the newest copy from the replica, if it has one" >&2
  "${LITESTREAM_BIN:-litestream}" restore -config backups/litestream.yml -if-replica-exists -if-db-not-exists "$db"
  # The key in DATA_DIR/secrets did not survive a lost disk: without the variable, the off-site
  # manifests cannot be checked (restore-files refuses them) and new ones get a key on this disk only.
  if [ -z "${BACKUP_SIGNING_KEY:-}" ]; then
    echo "docker-entrypoint: BACKUP_SIGNING_KEY is not set: manifests signed before this disk cannot be checked, and new ones get a key kept only on this disk; set it with the other secrets (backups/README.md, \"Signed manifests\")" >&2
  fi
fi

exec "$@"
