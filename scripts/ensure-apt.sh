#!/usr/bin/env bash
# Installs Debian packages that are missing. Arguments are package:probe pairs, where the
# probe is a command name or an absolute file path whose presence means "installed".
set -euo pipefail
missing=()
for pair in "$@"; do
  pkg=${pair%%:*}
  probe=${pair#*:}
  if [[ $probe == /* ]]; then [[ -e $probe ]] && continue
  else command -v "$probe" >/dev/null 2>&1 && continue
  fi
  missing+=("$pkg")
done
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) != 0 ]]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
