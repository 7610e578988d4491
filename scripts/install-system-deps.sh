#!/usr/bin/env bash
# The one place the project runs apt-get: Kamailio (SIP over WebSocket, presence, offline
# messages), Chromium for end-to-end tests, sipp, baresip and Linphone (linphone-cli: linphone-daemon) as foreign SIP peers,
# coturn as the TURN server of the call-recovery tests.
set -euo pipefail

PACKAGES=(
  kamailio kamailio-websocket-modules kamailio-presence-modules kamailio-sqlite-modules
  kamailio-extra-modules kamailio-utils-modules kamailio-tls-modules
  sip-tester baresip-core linphone-cli chromium sqlite3 openssl coturn
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them as root (Debian/Ubuntu):" >&2
  echo "  $line" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
