#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages coopdesk needs and the machine lacks (Qt's runtime libraries,
# the Python venv module, poppler for looking at PDFs). Does nothing when all are present.
# Usage: scripts/system-deps.sh [--gui-display] [--postgres]
#   --gui-display  adds Xvfb and the xcb libraries
#   --postgres     adds Debian's PostgreSQL server, for the test suite's PostgreSQL run
#                  (scripts/pg-test-cluster.sh starts a throwaway cluster of its own; the
#                  package's default cluster is not needed, and is not started in a container)
set -euo pipefail

packages=(libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 fonts-dejavu-core poppler-utils)
for flag in "$@"; do
  case "$flag" in
    --gui-display)
      packages+=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
                 libxcb-shape0 libxkbcommon-x11-0) ;;
    --postgres)
      ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql) ;;
    *) echo "Unknown option: $flag" >&2; exit 2 ;;
  esac
done
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  version=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  packages+=("python${version}-venv")
fi
command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian/Ubuntu system: install ${packages[*]} by hand." >&2; exit 0; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
