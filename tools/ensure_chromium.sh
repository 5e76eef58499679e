#!/usr/bin/env bash
# The browser tests (layer 5) drive Debian's Chromium with Playwright. Install it where it
# is missing and we may; otherwise say loudly that the layer will be skipped.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure_chromium: installing Debian's chromium for the browser tests (apt-get) ..."
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; then
    echo "ensure_chromium: $(/usr/bin/chromium --version 2>/dev/null)"
    exit 0
  fi
fi
cat >&2 <<'MSG'

########################################################################################
#  /usr/bin/chromium is missing and could not be installed (needs root and apt-get).   #
#  THE BROWSER LAYER OF THE TESTS WILL BE SKIPPED. Install Debian's 'chromium' package  #
#  and run 'make test' again to check the website in a real browser.                    #
########################################################################################

MSG
exit 0
