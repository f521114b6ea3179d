#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing. Never fails the build:
# the browser tests skip with a clear message when no Chromium can be found.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium for the browser tests ..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; browser tests will be skipped"
else
  echo "note: chromium not found and not root; browser tests will be skipped"
fi
exit 0
