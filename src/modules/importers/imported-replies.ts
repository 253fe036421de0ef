import type { Transaction } from 'kysely';
import { InvalidFields } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import type { ImportedReplyInput } from '../replies/index.js';
import type { ImportTally } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import * as iq from './importers.queries.js';
import type { LegacyKind } from './legacy-keys.js';
import type { LegacyKeyBook } from './legacy-key-book.js';
import { digestOf } from './wordpress-items.js';
import { withFields } from '../../lib/with-fields.js';

/** Fields a reply can lose and still be worth keeping: the text is what matters. */
export const droppableFields = new Set(['email', 'url']);

/** One reply from another system, as the importers hand it over. */
export interface ForeignReply {
  kind: LegacyKind;
  legacyId: string;
  /** Names it in the summary. */
  example: string;
  input: Omit<ImportedReplyInput, 'createdAt' | 'replaces'> & { createdAt: Date | undefined };
}

/**
 * Writes one imported reply through the reply writer's import mode, in the import's transaction:
 * new, rewritten in place when an earlier run imported it and it changed since, or left alone when
 * unchanged. A reply the form's rules refuse only for its email or website keeps its text without
 * them; one with nothing to say is left out. Returns its id, or undefined when left out.
 */
export async function writeImportedReply(
  deps: Pick<ImporterDeps, 'replies' | 'clock'>,
  trx: Transaction<Database>,
  tally: ImportTally,
  keys: LegacyKeyBook,
  reply: ForeignReply,
): Promise<number | undefined> {
  // Copies by `withFields`, not spreads (see there); the same fields in the same order, so the same digest.
  let input: ImportedReplyInput = withFields(reply.input, { createdAt: reply.input.createdAt ?? deps.clock.now() });
  if (!reply.input.createdAt) tally.adjust('had no readable date: dated the day of the import', reply.example);
  if (!input.comment.trim()) {
    tally.skip('has no text', reply.example);
    return undefined;
  }
  if (!input.author?.trim()) {
    input = withFields(input, { author: 'Anonymous' });
    tally.adjust('had no author name: shown as “Anonymous”', reply.example);
  }
  const digest = digestOf(input);
  const earlier = await keys.find(reply.kind, reply.legacyId);
  const replaces = earlier && (await iq.replyStillExists(trx, earlier.target_id)) ? earlier.target_id : undefined;
  if (replaces !== undefined && earlier?.digest === digest) {
    tally.count('unchanged', 'replies');
    return replaces;
  }
  for (;;) {
    try {
      const id = await deps.replies.importReply(withFields(input, { replaces }), { within: trx });
      keys.save(reply.kind, reply.legacyId, id, digest);
      tally.count(replaces === undefined ? 'imported' : 'updated', 'replies');
      return id;
    } catch (error) {
      if (!(error instanceof InvalidFields)) throw error;
      const droppable = error.problems.filter((p) => droppableFields.has(p.field));
      if (droppable.length > 0 && droppable.length === error.problems.length) {
        for (const p of droppable) {
          tally.adjust(`had an ${p.field === 'url' ? 'invalid website address' : 'invalid email address'}: kept without it`, reply.example);
          input = { ...input, [p.field]: '' };
        }
        continue;
      }
      tally.skip(`was refused: ${error.problems.map((p) => p.message).join(' ')}`, reply.example);
      return undefined;
    }
  }
}
