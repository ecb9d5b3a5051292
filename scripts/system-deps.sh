#!/usr/bin/env bash
# Installs the system parts the test suite needs, if they are missing:
# a PostgreSQL server, Debian's Chromium (the browser tests drive it) and a Redis server
# (a test starts a throwaway one to show workers sharing sign-in counts), and WordNet.
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
# WordNet's glosses: the labelled data of bench/lineage.py, whose last line a test checks.
[[ -f /usr/share/wordnet/data.noun ]] || missing+=(wordnet-base)
# Without fonts Chromium renders text as boxes in screenshots.
fc-list 2>/dev/null | grep -qi . || missing+=(fonts-dejavu-core)

if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
sudo=""
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
