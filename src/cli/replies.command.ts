import { Command, InvalidArgumentError, Option } from 'commander';
import { terminalSafeJson, visibleControls } from '../lib/reader-text.js';
import { cliActor } from '../modules/audit/index.js';
import type { ReplyListItem } from '../modules/replies/index.js';
import { fail, withContainer } from './cli-context.js';

const statuses = ['held', 'approved', 'spam', 'trash'] as const;

function parseId(value: string, previous: number[] = []): number[] {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw new InvalidArgumentError(`"${value}" is not a reply id.`);
  return [...previous, id];
}

/**
 * One line per reply: id, status, article, author, the start of the text. Readers wrote the name
 * and the text, so every control character in them is shown as a visible escape: an ESC, CSI or
 * OSC sequence must not recolour, move, retitle or hyperlink the moderator's terminal.
 */
export function formatReplyLine(r: ReplyListItem): string {
  const text = r.body.replace(/\s+/g, ' ').trim();
  // Cut before escaping, so an escape is never cut in half.
  const start = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return [String(r.id), r.status, r.articleSlug, r.authorName.replace(/\s+/g, ' '), start].map(visibleControls).join('\t');
}

/** One reply as a JSON line for programs (and the terminals they print to). */
export function formatReplyJson(r: ReplyListItem): string {
  return terminalSafeJson({
    id: r.id,
    status: r.status,
    article: r.articleSlug,
    author: r.authorName,
    url: r.authorUrl || null,
    text: r.body,
    createdAt: r.createdAt.toISOString(),
  });
}

/** The desk's actions the terminal offers besides approve, with the words the summary uses. */
const moderations = [
  { name: 'hold', action: 'hold', done: 'Held', description: 'Hold replies by id: they leave the site until a moderator approves them.' },
  {
    name: 'spam',
    action: 'spam',
    done: 'Marked as spam',
    description: 'Mark replies as spam by id: they leave the site, and the spam filter learns from them.',
  },
  {
    name: 'trash',
    action: 'trash',
    done: 'Trashed',
    description: 'Move replies to the trash by id: they leave the site (restore with approve).',
  },
] as const;

/** `gazette replies list|approve|hold|spam|trash`: moderate from the terminal. */
export function repliesCommand(): Command {
  const replies = new Command('replies').description('List and moderate reader replies.');

  replies
    .command('list')
    .description('List replies with a status, newest first: one line each (id, status, article, author, start of text).')
    .addOption(new Option('--status <status>', 'which replies').choices(statuses).default('held'))
    .option(
      '--limit <n>',
      'at most this many',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--limit takes a whole number above 0.');
        return n;
      },
      100,
    )
    .option('--json', 'one JSON object per line, for programs')
    .action(async (options: { status: (typeof statuses)[number]; limit: number; json?: boolean }) => {
      await withContainer(async (container) => {
        const list = await container.replies.listByStatus(options.status, options.limit);
        for (const r of list) {
          console.log(options.json ? formatReplyJson(r) : formatReplyLine(r));
        }
        if (!options.json && list.length === 0 && process.stdout.isTTY) console.error(`No ${options.status} replies.`);
      });
    });

  replies
    .command('approve')
    .description('Approve replies by id; they appear on the site at once.')
    .argument('<id...>', 'reply ids', (value: string, previous: number[]) => parseId(value, previous), [] as number[])
    .action(async (ids: number[]) => {
      await withContainer(async (container) => {
        const missing: number[] = [];
        for (const id of ids) if (!(await container.replies.find(id))) missing.push(id);
        if (missing.length > 0) fail(`no reply with id ${missing.join(', ')}; nothing was changed.`, 1);
        // The audit trail names the command, as the desk names the moderator.
        const changed = await container.replies.changeReplyStatus(ids, 'approved', cliActor('gazette replies approve'));
        const already = ids.filter((id) => !changed.includes(id));
        console.log(
          `Approved ${changed.length} ${changed.length === 1 ? 'reply' : 'replies'}${already.length ? ` (${already.join(', ')} already approved)` : ''}.`,
        );
      });
    });

  for (const m of moderations) {
    replies
      .command(m.name)
      .description(m.description)
      .argument('<id...>', 'reply ids', (value: string, previous: number[]) => parseId(value, previous), [] as number[])
      .option('--reason <text>', 'why, for the audit trail', '')
      .action(async (ids: number[], options: { reason: string }) => {
        await withContainer(async (container) => {
          const missing: number[] = [];
          for (const id of ids) if (!(await container.replies.find(id))) missing.push(id);
          if (missing.length > 0) fail(`no reply with id ${missing.join(', ')}; nothing was changed.`, 1);
          // Through the desk, as a moderator's click goes: audited, naming the command, and the spam filter learns.
          const changed = await container.desk.moderate(ids, m.action, options.reason, cliActor(`gazette replies ${m.name}`));
          const unchanged = ids.length - changed;
          console.log(`${m.done} ${changed} ${changed === 1 ? 'reply' : 'replies'}${unchanged ? ` (${unchanged} already so)` : ''}.`);
        });
      });
  }

  return replies;
}
