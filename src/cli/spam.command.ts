import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { terminalSafeJson } from '../lib/reader-text.js';
import type { SpamCandidate } from '../modules/spam/index.js';
import { fail, withContainer } from './cli-context.js';

/** One reply of a JSON Lines input, or why the line is not one. */
function replyOf(line: string, lineNo: number, labelled: boolean): { reply: SpamCandidate; label?: 'spam' | 'ham' } {
  // A lone surrogate is what invalid UTF-8 decodes to: say so, rather than score replacement characters.
  if (line.includes('\uFFFD')) throw new Error(`line ${lineNo}: not valid UTF-8.`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`line ${lineNo}: not JSON (each line is one object such as {"comment":"…","author":"…","email":"…","url":"…"}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`line ${lineNo}: not a JSON object.`);
  const v = value as Record<string, unknown>;
  for (const field of ['comment', 'author', 'email', 'url']) {
    if (v[field] !== undefined && typeof v[field] !== 'string') throw new Error(`line ${lineNo}: "${field}" must be a string.`);
  }
  const reply = {
    comment: (v['comment'] as string) ?? '',
    author: (v['author'] as string) ?? '',
    email: (v['email'] as string) ?? '',
    url: (v['url'] as string) ?? '',
  };
  if (!labelled) return { reply };
  if (v['label'] !== 'spam' && v['label'] !== 'ham') throw new Error(`line ${lineNo}: "label" must be "spam" or "ham".`);
  return { reply, label: v['label'] };
}

/** `gazette spam score|train|stats`: the spam filter from the terminal. */
export function spamCommand(): Command {
  const spam = new Command('spam').description('The spam filter: score replies, teach it from a file, show what it knows.');

  spam
    .command('score')
    .description(
      'Read replies as JSON Lines on stdin ({"comment","author","email","url"}) and print one line each: {"spam":true|false,"score":0–1}. Learns nothing.',
    )
    .action(async () =>
      withContainer(async (container) => {
        await container.spam.refresh();
        const stats = container.spam.stats();
        if (!stats.working) fail(`the spam filter is not working: ${stats.problem}`, 1);
        let lineNo = 0;
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          lineNo++;
          if (!line.trim()) continue;
          const verdict = container.spam.score(replyOf(line, lineNo, false).reply);
          process.stdout.write(`${terminalSafeJson({ spam: verdict.spam, score: Math.round(verdict.score * 1e4) / 1e4 })}\n`);
        }
      }),
    );

  spam
    .command('train')
    .description(
      'Teach the filter from a JSON Lines file of labelled replies ({"comment","author","email","url","label":"spam"|"ham"}); all or nothing.',
    )
    .argument('<file>', 'the labelled replies')
    .action(async (file: string) =>
      withContainer(async (container) => {
        const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) =>
          fail(`cannot read ${file}: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}`, 1),
        );
        const examples = text
          .split('\n')
          .map((line, index) => ({ line, lineNo: index + 1 }))
          .filter((l) => l.line.trim())
          .map((l) => replyOf(l.line, l.lineNo, true) as { reply: SpamCandidate; label: 'spam' | 'ham' });
        const learnt = await container.spam.learnFromExamples(examples);
        console.log(`gazette: the spam filter learnt ${learnt} replies from ${file}.`);
      }),
    );

  spam
    .command('stats')
    .description("Print the model's size and what this site taught it, as JSON.")
    .action(async () =>
      withContainer(async (container) => {
        await container.spam.refresh();
        console.log(terminalSafeJson(container.spam.stats()));
      }),
    );

  return spam;
}
