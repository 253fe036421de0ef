#!/bin/bash
# Server CPU per request under wrk (issue 12's by-hand comparisons in docs/benchmarks.md).
# Usage: bench/cpu-per-request.sh PID URL [SECONDS [WRK_SCRIPT]]
#   PID: the serving process (Gazette's `node dist/src/main.js`, or bench/baseline-server.mjs);
#   URL: the page to GET (wrk -t2 -c50, loopback only), or the replies to POST to with
#   WRK_SCRIPT made by `npx tsx bench/reply-load.ts FILE` (distinct readers, as the POST rows;
#   make a new one for each run: a reader posting the same words twice is refused as a duplicate).
# Prints req/s, p99, answers that were not 2xx, and the process's CPU per request, user and system
# apart (from /proc/PID/stat, all its threads), so two servers run one after the other can be
# compared even when the machine is shared.
set -euo pipefail
pid=$1 url=$2 seconds=${3:-5} script=${4:-}
hz=$(getconf CLK_TCK)
read -r user0 system0 < <(awk '{print $14, $15}' "/proc/$pid/stat")
out=$(wrk -t2 -c50 -d"${seconds}s" --latency ${script:+-s "$script"} "$url")
read -r user1 system1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
requests=$(echo "$out" | awk '/requests in/ {print $1}')
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
per() { echo "$1 * 1000000 / $hz / $requests" | bc -l | cut -c1-6; }
echo "req/s $rps  p99 $p99  non-2xx ${non2xx:-0}  server CPU µs/request $(per "($user1 - $user0 + $system1 - $system0)") (user $(per "($user1 - $user0)"), system $(per "($system1 - $system0)"))"
