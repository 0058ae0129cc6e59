#!/usr/bin/env bash
# Install the named Debian packages that are missing, with apt-get, when run as root.
#
#   scripts/ensure_system_packages.sh chromium postgresql gettext wrk
#
# A package counts as present when the program the suite uses from it exists.
# Without root nothing is installed: missing packages are listed on stderr and the
# caller decides (under CI=true the test passes then fail instead of skipping).
set -euo pipefail

present() {
    case "$1" in
        chromium) [ -x /usr/bin/chromium ] ;;
        postgresql) [ -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ] ;;
        gettext) command -v msgfmt >/dev/null 2>&1 ;;
        wrk) command -v wrk >/dev/null 2>&1 ;;
        *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed" ;;
    esac
}

missing=()
for package in "$@"; do
    present "$package" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing Debian packages (not root, not installing): ${missing[*]}" >&2
    echo "  install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${missing[@]}"
