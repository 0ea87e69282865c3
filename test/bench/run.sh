#!/bin/sh
# `npm run bench`: builds the console when the build is missing or stale, then runs the bundle and
# start-up, signaling, UI/media and property-mode (needs nats-server) benchmarks inside a
# loopback-only network namespace (WebRTC peers gather loopback candidates only). One JSON line per
# measurement on stdout; build output and diagnostics on stderr. Exits 1 when a measurement could
# not be taken.
set -eu
cd "$(dirname "$0")/../.."
node --input-type=module -e "import { ensureBuilt } from './scripts/ensure-built.mjs'; ensureBuilt();"
bin=node_modules/.bin
sh scripts/in-loopback-netns.sh sh -c "status=0
$bin/tsx test/bench/startup.ts || status=1
$bin/tsx test/bench/signaling.ts || status=1
$bin/tsx test/bench/history.ts || status=1
$bin/tsx test/bench/history-pages.ts || status=1
$bin/tsx test/bench/ui.ts || status=1
$bin/tsx test/bench/property.ts || status=1
exit \$status"
