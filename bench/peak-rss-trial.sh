#!/bin/bash
# Peak RSS of one Gazette server under the bench's load, by hand (docs/benchmarks.md, "Footprint"):
# a fresh site, the built server started with the settings given, then what `npm run bench` sends
# it: the article page (2 s warm-up, three 5 s runs) and reply POSTs from distinct readers (2 s
# warm-up, three 5 s runs, a new wrk script each), wrk -t2 -c50. Prints the requests per second,
# the peak RSS (VmHWM) and the RSS's parts at the end, and the replies stored.
# Usage (after npm run build): bench/peak-rss-trial.sh NAME [SETTING=VALUE ...]
#   e.g. bench/peak-rss-trial.sh cache-8 SQLITE_CACHE_MB=8
#   NODE_FLAGS="--trace-gc" passes flags to node; SNAP=1 also writes a heap snapshot at the end
#   (with NODE_FLAGS=--heapsnapshot-signal=SIGUSR2).
set -euo pipefail
name=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "/tmp/gazette-rss-$name-XXXX")
cd "$root"
npx tsx bench/prepare-site.ts "$dir/site.db"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# shellcheck disable=SC2086
env "$@" DATABASE_URL="$dir/site.db" PORT=$port LOG_LEVEL=warn SHARED_CACHE_SECONDS=1 node ${NODE_FLAGS:-} dist/src/main.js > "$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; kill -0 $pid 2> /dev/null || { cat "$dir/log"; exit 1; }; sleep 0.1; done
# One value from the site's database, read-only (the server may be writing).
site_value() { node -e "const D=require('better-sqlite3');console.log(new D(process.argv[1],{readonly:true}).prepare(process.argv[2]).pluck().get())" "$dir/site.db" "$1"; }
slug=$(site_value 'select slug from articles limit 1')
page=http://127.0.0.1:$port/articles/$slug
replies=http://127.0.0.1:$port/api/articles/$slug/replies
kb() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$pid/status"; }
echo "$name: idle RSS $(kb VmRSS) MB"
wrk -t2 -c50 -d2s "$page" > /dev/null
gets=""
for _ in 1 2 3; do gets="$gets $(wrk -t2 -c50 -d5s "$page" | awk '/Requests\/sec/ { print int($2) }')"; done
echo "$name: article GET req/s:$gets; peak RSS $(kb VmHWM) MB"
posts=""
for run in 0 1 2 3; do
  npx tsx bench/reply-load.ts "$dir/posts.lua" > /dev/null
  out=$(wrk -t2 -c50 -d"$([ $run = 0 ] && echo 2 || echo 5)"s -s "$dir/posts.lua" "$replies")
  echo "$out" | grep -i "non-2xx" || true
  [ $run = 0 ] || posts="$posts $(echo "$out" | awk '/Requests\/sec/ { print int($2) }')"
done
echo "$name: reply POST req/s:$posts; peak RSS $(kb VmHWM) MB, RSS now $(kb VmRSS) MB"
if [ -n "${SNAP:-}" ]; then kill -USR2 $pid; sleep 8; fi
grep -E '^(Rss|Anonymous|Pss_File)' "/proc/$pid/smaps_rollup" | awk '{ printf "%s %d MB  ", $1, $2 / 1024 } END { print "" }'
kill -INT $pid
wait $pid 2> /dev/null || true
stored=$(site_value 'select count(*) from replies')
echo "$name: replies stored $stored"
[ -n "${KEEP:-}" ] || rm -rf "$dir"
