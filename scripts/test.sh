#!/bin/sh
# All tests, as CI runs them: type-check, build, then unit + integration tests (vitest) and the
# end-to-end tests (Playwright + Debian's Chromium) inside a loopback-only network namespace (so
# WebRTC peers gather loopback candidates and no test traffic leaves 127.0.0.0/8), with a real
# Secret Service on a private session bus for the keychain tests.
set -eu
cd "$(dirname "$0")/.."

npm run typecheck
npm run build

bin=node_modules/.bin
if [ -n "${DESK_TEST_NO_KEYCHAIN:-}" ]; then
  keyring=""
elif command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  keyring="dbus-run-session -- sh scripts/with-keyring.sh"
else
  echo "The keychain tests need a Secret Service: install dbus and gnome-keyring (see README)," >&2
  echo "or set DESK_TEST_NO_KEYCHAIN=1 to run everything else." >&2
  exit 1
fi

sh scripts/in-loopback-netns.sh $keyring sh -c "$bin/vitest run && $bin/playwright test -c test/e2e/playwright.config.ts"
