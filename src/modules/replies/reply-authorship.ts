import { InvalidFields } from '../../lib/errors.js';
import { createEmailCipher, type EmailCipher } from '../../lib/email-cipher.js';
import { emailFingerprint } from '../../lib/keyed-hash.js';
import { textFingerprint } from '../../lib/reader-text.js';
import { validateReplyInput, type CleanReplyInput, type ImportedReplyInput } from './replies.js';
import { renderReplyText } from './reply-text.js';

// What a stored reply takes from what its author wrote. Small on purpose (no database, no Kysely):
// an import's thread (reply-authorship-thread.ts, reply-authorship.worker.js) loads this file.

/** What an imported reply's author wrote, as the importer hands it over. */
export type AuthoredFields = Pick<ImportedReplyInput, 'comment' | 'author' | 'email' | 'url'>;

/** The fields of a reply as the form's rules clean them. */
export type CleanFields = Pick<CleanReplyInput, 'comment' | 'author' | 'email' | 'url'>;

/** The values a reply's row derives from its cleaned fields. */
export interface DerivedValues {
  /** The keyed hash of the email (of the name, for a reply without one): what matching uses. */
  emailHash: string;
  /** The email sealed; never stored in plain text. */
  sealedEmail: string;
  bodyFingerprint: string;
  bodyHtml: string;
}

/** An imported reply's cleaned fields with the values its row derives from them. */
export type Authorship = CleanFields & DerivedValues;

/**
 * An imported reply checked by the form's field rules (lengths, storable text, a web address that
 * is one); "name and email required" does not hold: old systems allowed anonymous replies.
 */
export function checkImportedReply(input: Pick<ImportedReplyInput, 'articleId' | 'parentId'> & AuthoredFields): CleanReplyInput {
  const { articleId, parentId, comment, author, email, url } = input;
  return validateReplyInput({ articleId, parentId, comment, author, email, url }, { requireNameEmail: false });
}

/** The values every written reply's row derives from its cleaned fields and its email's keyed hash. */
export function derivedValues(reply: CleanFields, emailHash: string, cipher: EmailCipher): DerivedValues {
  return {
    emailHash,
    sealedEmail: cipher.seal(reply.email),
    bodyFingerprint: textFingerprint(reply.comment),
    bodyHtml: renderReplyText(reply.comment),
  };
}

/** An imported reply's derived values: a reply without an email is hashed by its name, so its author's replies still match. */
export function importedValues(reply: CleanFields, secret: string, cipher: EmailCipher): DerivedValues {
  return derivedValues(reply, emailFingerprint(secret, reply.email || `${reply.author}@anonymous.invalid`), cipher);
}

/**
 * An authorship as a thread sends it back: a cleaned field the same as the one sent is left out
 * (most are: a second copy of every text would cross the thread and be kept meanwhile).
 */
export type SentAuthorship = Partial<CleanFields> & DerivedValues;

/**
 * Inside an import's thread: a function that checks and derives many replies at once, each one's
 * authorship or undefined when the field rules refuse it (the writer then refuses it itself, with
 * the reasons). `emailKey` is the key material of the site's email cipher.
 */
export function authorshipMaker(secret: string, emailKey: string): (fields: readonly AuthoredFields[]) => (SentAuthorship | undefined)[] {
  const cipher = createEmailCipher(emailKey);
  return (fields) =>
    fields.map((f) => {
      let clean: CleanReplyInput;
      try {
        clean = checkImportedReply({ articleId: 0, ...f });
      } catch (error) {
        if (error instanceof InvalidFields) return undefined;
        throw error;
      }
      const sent: SentAuthorship = importedValues(clean, secret, cipher);
      for (const field of cleanFields) if (clean[field] !== f[field]) sent[field] = clean[field];
      return sent;
    });
}

/** The authorship a thread sent, whole again: each field it left out is the one it was sent. */
export function receivedAuthorship(sent: SentAuthorship, from: AuthoredFields): Authorship {
  const { comment = from.comment, author = from.author!, email = from.email!, url = from.url! } = sent;
  return { ...sent, comment, author, email, url };
}

const cleanFields = ['comment', 'author', 'email', 'url'] as const;
