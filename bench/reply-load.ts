import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { autocannonLoad, wrkLoad, type LoadResult } from './http-load.js';

let counter = 0;

/** A reply form body from a reader nobody has seen yet (a new name and email each time), so no rule treats the load as one sender. */
function replyBody(): string {
  counter += 1;
  return new URLSearchParams({
    comment: `Benchmark reply number ${counter}: a sentence or two, as readers write them.`,
    author: `Reader ${counter}`,
    email: `reader-${counter}@bench.example`,
  }).toString();
}

/** autocannon options for reply POSTs from many distinct readers, asking for the JSON answer. */
export const distinctReaderPosts = {
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  requests: [{ setupRequest: (req: any) => ({ ...req, body: replyBody() }) }],
};

/**
 * The same posts as a wrk script: each of wrk's threads numbers its own readers, under a tag new
 * for every script, so two rows (or two runs on one database) never send the same reader twice.
 */
export function writeDistinctReaderPostsScript(file: string): string {
  const tag = randomBytes(4).toString('hex');
  writeFileSync(
    file,
    `-- setup runs in wrk's main state and numbers each thread's state through a global (a local would not reach it).
local threads, counter = 0, 0
thread_number = 0
setup = function(t) threads = threads + 1; t:set("thread_number", threads) end
request = function()
  counter = counter + 1
  local n = "${tag}-" .. thread_number .. "-" .. counter
  local body = "comment=Benchmark+reply+number+" .. n .. "%3A+a+sentence+or+two%2C+as+readers+write+them." ..
    "&author=Reader+" .. n .. "&email=reader-" .. n .. "%40bench.example"
  return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json" }, body)
end
`,
  );
  return file;
}

/**
 * Reply POSTs from distinct readers for `seconds`: with wrk when installed (a C program: the load
 * takes less of the two cores the server needs), else autocannon. `scriptFile`: where wrk's script goes.
 */
export function distinctReaderPostLoad(
  url: string,
  options: { seconds: number; connections: number; wrk: string | undefined; scriptFile: string },
): Promise<LoadResult> {
  const { seconds, connections, wrk, scriptFile } = options;
  if (wrk) return Promise.resolve(wrkLoad(wrk, url, { seconds, connections, luaScript: writeDistinctReaderPostsScript(scriptFile) }));
  return autocannonLoad(url, { seconds, connections, ...distinctReaderPosts });
}

// `npx tsx bench/reply-load.ts FILE`: writes the wrk script, for bench/cpu-per-request.sh.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx bench/reply-load.ts FILE');
  console.log(writeDistinctReaderPostsScript(file));
}
