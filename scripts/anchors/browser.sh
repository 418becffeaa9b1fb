#!/usr/bin/env bash
# Browser anchor for the web UI's end-to-end tests (crates/marsad-web/tests):
# Debian's chromium and its chromedriver, and an Arabic system font so the
# screenshots render text the same way on every machine (the UI serves its
# own font; the system one covers the browser's own chrome and fallbacks).
# Idempotent: when all is present it only checks. Installing needs root.
# Versions are Debian stable's (bookworm); the test prints the ones it used.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ -e /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || need+=(fonts-noto-core)

if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "browser anchor: need root to apt-get install ${need[*]}" >&2
        exit 1
    fi
    echo "browser anchor: installing ${need[*]}" >&2
    # Only refresh the package lists when the install cannot find a package.
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
    }
fi
echo "browser anchor ready: $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
