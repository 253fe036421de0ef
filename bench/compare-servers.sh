#!/bin/bash
# Servers compared by hand under the same wrk load, in rounds, the order turned round each round
# (docs/benchmarks.md: the A/B runs of builds served side by side).
# Usage: bench/compare-servers.sh ROUNDS SECONDS PATH [--posts] NAME:PID:PORT ...
#   PATH: what to load on each server (Gazette's article, or its replies with --posts);
#   a spec NAME:PID:PORT:OTHER_PATH loads OTHER_PATH there instead (`/` for bench/baseline-server.mjs);
#   --posts: POST as distinct readers, a new wrk script (bench/reply-load.ts) for every run, since a
#   script sent twice repeats its readers and words and its posts are refused as duplicates.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=$1 seconds=$2 path=$3
shift 3
posts=
if [ "${1:-}" = --posts ]; then posts=1; shift; fi
specs=("$@")
script=$(mktemp --suffix=.lua)
trap 'rm -f "$script"' EXIT
for ((round = 0; round < rounds; round++)); do
  if ((round % 2 == 0)); then order=("${specs[@]}"); else order=(); for ((i = ${#specs[@]} - 1; i >= 0; i--)); do order+=("${specs[i]}"); done; fi
  for spec in "${order[@]}"; do
    IFS=: read -r name pid port other <<< "$spec"
    if [ -n "$posts" ]; then (cd "$here/.." && npx tsx bench/reply-load.ts "$script" > /dev/null); fi
    echo "$name: $("$here/cpu-per-request.sh" "$pid" "http://127.0.0.1:$port${other:-$path}" "$seconds" ${posts:+"$script"})"
  done
done
