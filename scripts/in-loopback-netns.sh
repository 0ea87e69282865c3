#!/bin/sh
# Runs a command in a fresh network namespace that has only the loopback interface, so WebRTC
# peers (Chromium, the simulated Echo rooms) gather loopback candidates and nothing leaves the
# machine. Root uses `unshare -n`; other users get a user namespace (`unshare -rn`).
set -eu
if [ "$(id -u)" = 0 ]; then flags=-n; else flags=-rn; fi
exec unshare $flags sh -c 'ip link set lo up && exec "$@"' sh "$@"
