#!/bin/sh
# Runs a command with an unlocked Secret Service (gnome-keyring) on the current D-Bus session bus,
# so the credential vault's keychain path (keytar -> libsecret) can be exercised on a headless
# machine. Start it inside a private session bus:
#
#   dbus-run-session -- sh scripts/with-keyring.sh <cmd...>
#
# The keyring lives in a throwaway directory (never the user's own keyrings) and is removed at exit.
# Exits with the command's status.
set -u

if [ "$#" -eq 0 ]; then
  echo "usage: dbus-run-session -- sh scripts/with-keyring.sh <cmd...>" >&2
  exit 64
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: no D-Bus session bus; run it as: dbus-run-session -- sh scripts/with-keyring.sh <cmd...>" >&2
  exit 64
fi

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/desk-keyring.XXXXXX") || exit 70

# --unlock reads the (throwaway) keyring password from stdin; $! is the daemon's PID.
printf '%s' 'desk-test-keyring' | XDG_DATA_HOME="$keyring_home" \
  gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>"$keyring_home/daemon.log" &
daemon_pid=$!

cleanup() {
  kill "$daemon_pid" 2>/dev/null
  wait "$daemon_pid" 2>/dev/null
  rm -rf "$keyring_home"
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

secrets_on_bus() {
  dbus-send --session --dest=org.freedesktop.DBus --type=method_call --print-reply \
    /org/freedesktop/DBus org.freedesktop.DBus.ListNames 2>/dev/null | grep -q '"org.freedesktop.secrets"'
}

# Wait (bounded, ~10 s) for the daemon to claim org.freedesktop.secrets.
tries=0
until secrets_on_bus; do
  tries=$((tries + 1))
  if [ "$tries" -ge 100 ] || ! kill -0 "$daemon_pid" 2>/dev/null; then
    echo "with-keyring.sh: gnome-keyring-daemon did not provide org.freedesktop.secrets within 10 s" >&2
    cat "$keyring_home/daemon.log" >&2
    cleanup
    exit 69
  fi
  sleep 0.1
done

"$@"
status=$?
cleanup
exit "$status"
