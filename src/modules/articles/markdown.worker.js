// Runs inside a worker thread of the Markdown pool (markdown.ts), never on the server's event loop:
// marked is quadratic on unclosed emphasis and sanitize-html on unbalanced closing tags, so one
// text can keep a thread busy for minutes. Here that costs this thread only, and the pool ends the
// thread when the time limit passes. Plain JavaScript on purpose: the same file serves the
// compiled server and the tests that run from TypeScript sources, with no loader in the thread.
// The options come from markdown.ts, the one place that says what articles may contain.
import { Marked } from 'marked';
import { workerData } from 'piscina';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked(workerData.marked);

/** Markdown to sanitised HTML; tells the pool through `started` when the work begins (its clock starts then). */
export default function render({ markdown, started }) {
  started.postMessage('started');
  started.close();
  return sanitizeHtml(marked.parse(markdown, { async: false }), workerData.sanitize);
}
