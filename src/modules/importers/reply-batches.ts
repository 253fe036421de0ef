import type { Transaction } from 'kysely';
import { InvalidFields } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import type { ImportedReplyInput } from '../replies/index.js';
import type { ImportTally } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import * as iq from './importers.queries.js';
import { droppableFields, type ForeignReply } from './imported-replies.js';
import type { LegacyKeyBook } from './legacy-key-book.js';
import { digestOf } from './wordpress-items.js';
import { withFields } from '../../lib/with-fields.js';

/** A reply of one thread set (a WordPress post's comments), with the old id of the reply it answers. */
export interface ThreadedReply {
  /** '' (or '0', WordPress's way) for a reply to the article itself. */
  parentLegacyId: string;
  reply: ForeignReply;
}

/** A reply ready for the writer, but for its parent's id here. */
interface Ready {
  legacyId: string;
  parentLegacyId: string;
  reply: ForeignReply;
  input: Omit<ImportedReplyInput, 'parentId'>;
  digest: string;
}

/**
 * Writes a set of replies that answer only each other or the article (all the comments of one
 * WordPress post) through the reply writer's batch mode: a thread level at a time, so each level is
 * a few multi-row statements instead of several statements per reply. Whatever order the export
 * lists them in, a parent is written before its answers. A reply whose parent is not in the set, was
 * left out, or is its own ancestor, is kept as a reply to the article, and the summary says so. The
 * same outcomes as `writeImportedReply` one at a time: new, rewritten when an earlier run wrote it
 * and it changed, left alone when unchanged; a refused email or website dropped, the text kept.
 * `leftOut` holds the old ids read and left out before (pingbacks); those left out here join it.
 */
export async function writeReplySet(
  deps: Pick<ImporterDeps, 'replies' | 'clock'>,
  trx: Transaction<Database>,
  tally: ImportTally,
  keys: LegacyKeyBook,
  set: readonly ThreadedReply[],
  leftOut: Set<string>,
): Promise<void> {
  const written = new Map<string, number>();
  const ready = await readyToWrite(deps, trx, tally, keys, set, leftOut, written);
  const inSet = new Set([...ready.map((r) => r.legacyId), ...written.keys()]);
  const answers = new Map<string, Ready[]>();
  let level: [Ready, number | null][] = [];
  for (const r of ready) {
    const parent = r.parentLegacyId;
    if (!parent || parent === '0') level.push([r, null]);
    else if (written.has(parent)) level.push([r, written.get(parent)!]);
    else if (leftOut.has(parent)) {
      tally.adjust('answers a reply that was left out: kept as a reply to the article', r.legacyId);
      level.push([r, null]);
    } else if (!inSet.has(parent)) {
      tally.adjust('answers a reply that is not in the file: kept as a reply to the article', r.legacyId);
      level.push([r, null]);
    } else {
      const siblings = answers.get(parent);
      if (siblings) siblings.push(r);
      else answers.set(parent, [r]);
    }
  }
  const done = new Set<Ready>();
  for (;;) {
    while (level.length > 0) {
      const ids = await writeLevel(deps, trx, tally, keys, level);
      const next: [Ready, number | null][] = [];
      level.forEach(([r], k) => {
        done.add(r);
        const id = ids[k];
        if (id === undefined) leftOut.add(r.legacyId);
        const children = answers.get(r.legacyId) ?? [];
        if (id === undefined && children.length > 0)
          tally.adjust('answers a reply that was left out: kept as a reply to the article', r.legacyId);
        for (const child of children) next.push([child, id ?? null]);
      });
      level = next;
    }
    // What is left waits in a cycle (a reply that is its own ancestor): broken at its first reply.
    const stuck = ready.find((r) => !done.has(r) && answers.get(r.parentLegacyId)?.includes(r));
    if (!stuck) return;
    tally.adjust('is its own ancestor in the file: kept as a reply to the article', stuck.legacyId);
    answers.set(
      stuck.parentLegacyId,
      answers.get(stuck.parentLegacyId)!.filter((r) => r !== stuck),
    );
    level = [[stuck, null]];
  }
}

/**
 * Each reply's input with the fallbacks it needs (no date, no name; no text leaves it out), and
 * what an earlier run wrote: an unchanged reply goes to `written` and is not written again.
 */
async function readyToWrite(
  deps: Pick<ImporterDeps, 'clock'>,
  trx: Transaction<Database>,
  tally: ImportTally,
  keys: LegacyKeyBook,
  set: readonly ThreadedReply[],
  leftOut: Set<string>,
  written: Map<string, number>,
): Promise<Ready[]> {
  const ready: (Ready & { earlier?: { id: number; digest: string } })[] = [];
  for (const { reply, parentLegacyId } of set) {
    // The parent's id here is known only once it is written (a level at a time): set then.
    // Copies by `withFields`, not spreads (a million replies; see there). The fields keep their
    // order, so the digest below is the one earlier versions wrote.
    let input = withFields(reply.input, { parentId: undefined, createdAt: reply.input.createdAt ?? deps.clock.now() });
    if (!reply.input.createdAt) tally.adjust('had no readable date: dated the day of the import', reply.example);
    if (!input.comment.trim()) {
      tally.skip('has no text', reply.example);
      leftOut.add(reply.legacyId);
      continue;
    }
    if (!input.author?.trim()) {
      input = withFields(input, { author: 'Anonymous' });
      tally.adjust('had no author name: shown as “Anonymous”', reply.example);
    }
    // The parent by its old id: the same file gives the same digest, whatever ids the run hands out.
    const digest = digestOf(withFields(input, { parentLegacyId }));
    const earlier = await keys.find(reply.kind, reply.legacyId);
    ready.push({
      legacyId: reply.legacyId,
      parentLegacyId,
      reply,
      input,
      digest,
      earlier: earlier && { id: earlier.target_id, digest: earlier.digest },
    });
  }
  const still = await iq.existingReplyIds(
    trx,
    ready.flatMap((r) => (r.earlier ? [r.earlier.id] : [])),
  );
  return ready.flatMap(({ earlier, ...r }) => {
    const replaces = earlier && still.has(earlier.id) ? earlier.id : undefined;
    if (replaces !== undefined && earlier?.digest === r.digest) {
      tally.count('unchanged', 'replies');
      written.set(r.legacyId, replaces);
      return [];
    }
    return [withFields(r, { input: withFields(r.input, { replaces }) })];
  });
}

/** Writes one thread level in the writer's batch mode; each reply's id, or undefined when it was left out. */
async function writeLevel(
  deps: Pick<ImporterDeps, 'replies'>,
  trx: Transaction<Database>,
  tally: ImportTally,
  keys: LegacyKeyBook,
  level: readonly [Ready, number | null][],
): Promise<(number | undefined)[]> {
  const todo = level.map(([r, parentId]) => ({ r, input: withFields(r.input, { parentId }) as ImportedReplyInput, left: false }));
  for (;;) {
    const sending = todo.filter((t) => !t.left);
    const answers = await deps.replies.importReplies(
      sending.map((t) => t.input),
      { within: trx },
    );
    if (answers.every((a): a is number => typeof a === 'number')) {
      sending.forEach((t, k) => {
        keys.save(t.r.reply.kind, t.r.legacyId, answers[k]!, t.r.digest);
        tally.count(t.input.replaces === undefined ? 'imported' : 'updated', 'replies');
      });
      const ids = new Map(sending.map((t, k) => [t, answers[k]!]));
      return todo.map((t) => ids.get(t));
    }
    // Nothing was written: mend what only lost an email or website, leave out the rest of the refused, send again.
    sending.forEach((t, k) => {
      const refusal = answers[k];
      if (!(refusal instanceof InvalidFields)) return;
      const droppable = refusal.problems.filter((p) => droppableFields.has(p.field));
      if (droppable.length === 0 || droppable.length !== refusal.problems.length) {
        tally.skip(`was refused: ${refusal.problems.map((p) => p.message).join(' ')}`, t.r.reply.example);
        t.left = true;
        return;
      }
      for (const p of droppable) {
        tally.adjust(
          `had an ${p.field === 'url' ? 'invalid website address' : 'invalid email address'}: kept without it`,
          t.r.reply.example,
        );
        t.input = { ...t.input, [p.field]: '' };
      }
    });
  }
}
