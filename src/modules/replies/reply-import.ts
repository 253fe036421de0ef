import type { Transaction } from 'kysely';
import { Invalid, InvalidFields, NotFound } from '../../lib/errors.js';
import type { EmailCipher } from '../../lib/email-cipher.js';
import type { Database } from '../../storage/schema.js';
import type { CleanReplyInput, ImportedReplyInput } from './replies.js';
import { checkImportedReply, derivedValues, importedValues, type CleanFields, type DerivedValues } from './reply-authorship.js';
import { preparedAuthorship } from './reply-authorship-thread.js';
import * as q from './replies.queries.js';

export { checkImportedReply };

/** Parents looked up in one query: well under both dialects' limits on bound values. */
const PARENTS_PER_QUERY = 500;

/** The columns every written reply fills from its cleaned fields and the values derived from them. */
function columnsOf(reply: Pick<CleanReplyInput, 'articleId' | 'parentId'> & CleanFields, values: DerivedValues) {
  return {
    article_id: reply.articleId,
    parent_id: reply.parentId,
    author_name: reply.author,
    author_email: values.sealedEmail,
    author_email_hash: values.emailHash,
    author_url: reply.url,
    body: reply.comment,
    body_fingerprint: values.bodyFingerprint,
    body_html: values.bodyHtml,
  };
}

/**
 * The columns every written reply fills from its cleaned fields: the email only sealed (never in
 * plain text at rest), beside its keyed hash, which is what matching uses.
 */
export function authoredColumns(reply: CleanReplyInput, emailHash: string, cipher: EmailCipher) {
  return columnsOf(reply, derivedValues(reply, emailHash, cipher));
}

/** The row an imported reply is stored as, keeping its original date, status and history. */
export function importedRow(reply: CleanReplyInput, input: ImportedReplyInput, secret: string, cipher: EmailCipher): q.FullReplyRow {
  return rowOf(reply, input, importedValues(reply, secret, cipher));
}

/** `importedRow` with its derived values at hand (made ahead in the import's thread, or here). */
function rowOf(
  reply: Pick<CleanReplyInput, 'articleId' | 'parentId'> & CleanFields,
  input: ImportedReplyInput,
  values: DerivedValues,
): q.FullReplyRow {
  return {
    ...columnsOf(reply, values),
    status: input.status,
    created_at: input.createdAt.toISOString(),
    ip: (input.ip ?? '').slice(0, 64),
    user_agent: (input.userAgent ?? '').slice(0, 512),
    legacy_anchor: input.legacyAnchor ?? '',
    moderation_reason: input.moderationReason ?? '',
    edited_at: input.editedAt ? input.editedAt.toISOString() : null,
    staff_user_id: input.staffUserId ?? null,
    decision_status: input.decision?.status ?? null,
    decision_reason: input.decision?.reason ?? '',
    decision_score: input.decision?.score ?? null,
  };
}

/** Refuses a parent that is not a reply on the same article (one query for the whole batch). */
export async function checkParents(trx: Transaction<Database>, replies: readonly CleanReplyInput[]): Promise<void> {
  const wanted = [...new Set(replies.flatMap((r) => (r.parentId === null ? [] : [r.parentId])))];
  const found = new Map<number, number>();
  for (let at = 0; at < wanted.length; at += PARENTS_PER_QUERY) {
    for (const row of await q.findStatusRows(trx, wanted.slice(at, at + PARENTS_PER_QUERY))) found.set(row.id, row.article_id);
  }
  for (const r of replies) {
    if (r.parentId !== null && found.get(r.parentId) !== r.articleId)
      throw new Invalid('The parent reply is not on this article.', 'parent');
  }
}

/** A reply of a batch that passed the field rules, with its derived values when they were made ahead. */
interface Checked {
  at: number;
  reply: CleanReplyInput;
  input: ImportedReplyInput;
  values?: DerivedValues;
}

/**
 * The batch import (`ReplyWriter.importReplies`): every reply checked first; when any is refused,
 * nothing is written and the answers are the refusals (null for the others), so the caller can
 * drop or mend those and send the rest again, still in order. Otherwise parents are checked in one
 * query, new replies inserted many rows per statement, replaced ones rewritten in place, and the
 * answers are the ids, in input order.
 */
export async function importReplyBatch(
  trx: Transaction<Database>,
  secret: string,
  cipher: EmailCipher,
  inputs: readonly ImportedReplyInput[],
): Promise<number[] | (InvalidFields | null)[]> {
  const refusals: (InvalidFields | null)[] = [];
  let refused = false;
  const checked = inputs.map((input, at): Checked | undefined => {
    refusals[at] = null;
    // Checked and derived ahead, in the import's thread, from exactly these fields with this secret and key.
    const prepared = preparedAuthorship(input, secret, cipher);
    if (prepared) {
      const { comment, author, email, url, ...values } = prepared;
      return { at, reply: { articleId: input.articleId, parentId: input.parentId ?? null, comment, author, email, url }, input, values };
    }
    try {
      return { at, reply: checkImportedReply(input), input };
    } catch (error) {
      if (!(error instanceof InvalidFields)) throw error;
      refusals[at] = error;
      refused = true;
      return undefined;
    }
  });
  if (refused) return refusals;
  const ok = checked as Checked[];
  await checkParents(
    trx,
    ok.map((c) => c.reply),
  );
  const ids: number[] = [];
  const fresh = ok.filter((c) => c.input.replaces === undefined);
  const inserted = await q.insertReplies(
    trx,
    fresh.map((c) => rowOf(c.reply, c.input, c.values ?? importedValues(c.reply, secret, cipher))),
  );
  fresh.forEach((c, k) => (ids[c.at] = inserted[k]!));
  for (const c of ok) {
    if (c.input.replaces === undefined) continue;
    if (!(await q.replaceImported(trx, c.input.replaces, rowOf(c.reply, c.input, c.values ?? importedValues(c.reply, secret, cipher)))))
      throw new NotFound('There is no reply with this number.');
    ids[c.at] = c.input.replaces;
  }
  return ids;
}
