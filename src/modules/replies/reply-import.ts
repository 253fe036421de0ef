import type { Transaction } from 'kysely';
import { Invalid, InvalidFields, NotFound } from '../../lib/errors.js';
import type { EmailCipher } from '../../lib/email-cipher.js';
import { emailFingerprint } from '../../lib/keyed-hash.js';
import { textFingerprint } from '../../lib/reader-text.js';
import { renderReplyText } from './reply-text.js';
import type { Database } from '../../storage/schema.js';
import { validateReplyInput, type CleanReplyInput, type ImportedReplyInput } from './replies.js';
import * as q from './replies.queries.js';
import { withFields } from '../../lib/with-fields.js';

/** Parents looked up in one query: well under both dialects' limits on bound values. */
const PARENTS_PER_QUERY = 500;

/**
 * The columns every written reply fills from its cleaned fields: the email only sealed (never in
 * plain text at rest), beside its keyed hash, which is what matching uses.
 */
export function authoredColumns(reply: CleanReplyInput, emailHash: string, cipher: EmailCipher) {
  return {
    article_id: reply.articleId,
    parent_id: reply.parentId,
    author_name: reply.author,
    author_email: cipher.seal(reply.email),
    author_email_hash: emailHash,
    author_url: reply.url,
    body: reply.comment,
    body_fingerprint: textFingerprint(reply.comment),
    body_html: renderReplyText(reply.comment),
  };
}

/**
 * An imported reply checked by the form's field rules (lengths, storable text, a web address that
 * is one); "name and email required" does not hold: old systems allowed anonymous replies.
 */
export function checkImportedReply(input: ImportedReplyInput): CleanReplyInput {
  const { articleId, parentId, comment, author, email, url } = input;
  return validateReplyInput({ articleId, parentId, comment, author, email, url }, { requireNameEmail: false });
}

/** The row an imported reply is stored as, keeping its original date, status and history. */
export function importedRow(reply: CleanReplyInput, input: ImportedReplyInput, secret: string, cipher: EmailCipher): q.FullReplyRow {
  // Not a spread: see `withFields`.
  return withFields(authoredColumns(reply, emailFingerprint(secret, reply.email || `${reply.author}@anonymous.invalid`), cipher), {
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
  });
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
  const checked = inputs.map((input, at) => {
    try {
      refusals[at] = null;
      return { at, reply: checkImportedReply(input), input };
    } catch (error) {
      if (!(error instanceof InvalidFields)) throw error;
      refusals[at] = error;
      refused = true;
      return undefined;
    }
  });
  if (refused) return refusals;
  const ok = checked as { at: number; reply: CleanReplyInput; input: ImportedReplyInput }[];
  await checkParents(
    trx,
    ok.map((c) => c.reply),
  );
  const ids: number[] = [];
  const fresh = ok.filter((c) => c.input.replaces === undefined);
  const inserted = await q.insertReplies(
    trx,
    fresh.map((c) => importedRow(c.reply, c.input, secret, cipher)),
  );
  fresh.forEach((c, k) => (ids[c.at] = inserted[k]!));
  for (const c of ok) {
    if (c.input.replaces === undefined) continue;
    if (!(await q.replaceImported(trx, c.input.replaces, importedRow(c.reply, c.input, secret, cipher))))
      throw new NotFound('There is no reply with this number.');
    ids[c.at] = c.input.replaces;
  }
  return ids;
}
