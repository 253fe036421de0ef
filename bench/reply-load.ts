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
