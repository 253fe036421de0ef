#!/bin/bash
# Server CPU per request under wrk (issue 12's by-hand comparisons in docs/benchmarks.md).
# Usage: bench/cpu-per-request.sh PID URL [SECONDS [WRK_SCRIPT]]
#   PID: the serving process (Gazette's `node dist/src/main.js`, or bench/baseline-server.mjs);
#   URL: the page to GET (wrk -t2 -c50, loopback only), or the replies to POST to with
#   WRK_SCRIPT made by `npx tsx bench/reply-load.ts FILE` (distinct readers, as the POST rows).
# Prints req/s, p99, and the process's user+system CPU per request (from /proc/PID/stat), so two
# servers run one after the other can be compared even when the machine is shared.
set -euo pipefail
pid=$1 url=$2 seconds=${3:-5} script=${4:-}
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
out=$(wrk -t2 -c50 -d"${seconds}s" --latency ${script:+-s "$script"} "$url")
after=$(ticks)
requests=$(echo "$out" | awk '/requests in/ {print $1}')
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
echo "req/s $rps  p99 $p99  server CPU µs/request $(echo "($after - $before) * 1000000 / $hz / $requests" | bc -l | cut -c1-6)"
