#!/bin/sh
# `npm run robustness`: the fuzz, fault and kill -9 runs of test/robustness at a larger size than
# `npm test` runs them (override with FUZZ_REQUESTS, FUZZ_SEED, KILL_SINGLE_CALLS, KILL_CHURN_ROUNDS).
# Each run prints its figures as a JSON line. Builds the console first when the build is stale.
set -eu
cd "$(dirname "$0")/.."
node --input-type=module -e "import { ensureBuilt } from './scripts/ensure-built.mjs'; ensureBuilt();"
export FUZZ_REQUESTS="${FUZZ_REQUESTS:-30000}"
export KILL_SINGLE_CALLS="${KILL_SINGLE_CALLS:-20}"
export KILL_CHURN_ROUNDS="${KILL_CHURN_ROUNDS:-5}"
exec sh scripts/in-loopback-netns.sh node_modules/.bin/vitest run test/robustness
