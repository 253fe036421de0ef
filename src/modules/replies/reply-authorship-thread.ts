import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { emailKeyMaterial, type EmailCipher } from '../../lib/email-cipher.js';
import { projectRoot } from '../../lib/project-root.js';
import { receivedAuthorship, type AuthoredFields, type Authorship, type SentAuthorship } from './reply-authorship.js';
import type { ImportedReplyInput, PreparedAuthorship } from './replies.js';

/** The thread's young generation, in MB: a task's garbage is a few hundred replies' strings (8 MB held about 10 MB more RSS at a tenth). */
const YOUNG_GENERATION_MB = 2;

/** What a prepared authorship was made from, and with which secret and key: kept here, out of the importer's reach. */
interface Made {
  from: AuthoredFields;
  secret: string;
  keyId: string;
  authorship: Authorship;
}

const made = new WeakMap<PreparedAuthorship, Made>();

/**
 * Checks imported replies by the form's field rules and derives their rows' values (the email's
 * keyed hash, the sealed email, the text's fingerprint and HTML) in a worker thread of its own
 * (reply-authorship.worker.js), a batch per task, while the import's main thread writes the rows
 * before. The writer's batch import (`importReplyBatch`) takes what was made here instead of
 * making it again, when it was made from exactly the fields the reply is written with.
 */
export interface AuthorshipPreparer {
  /** Each reply's prepared authorship, in order; undefined for one the field rules refuse (the writer says why). */
  prepare(fields: readonly AuthoredFields[]): Promise<(PreparedAuthorship | undefined)[]>;
  close(): Promise<void>;
}

/**
 * One thread for one import, given the site's secret and its email cipher's key once, when it
 * starts. The thread loads reply-authorship beside this file: compiled JavaScript when this runs
 * compiled, the TypeScript source (through tsx) when tests run from sources.
 */
export function createAuthorshipPreparer(secret: string, cipher: EmailCipher): AuthorshipPreparer {
  const fromSources = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: pathToFileURL(join(projectRoot(import.meta.url), 'src', 'modules', 'replies', 'reply-authorship.worker.js')).href,
    workerData: {
      moduleUrl: new URL(`./reply-authorship.${fromSources ? 'ts' : 'js'}`, import.meta.url).href,
      secret,
      emailKey: emailKeyMaterial(cipher),
    },
    minThreads: 1,
    maxThreads: 1,
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  return {
    async prepare(fields) {
      if (fields.length === 0) return [];
      const answers = (await pool.run(fields)) as (SentAuthorship | undefined)[];
      return answers.map((sent, i) => {
        if (sent === undefined) return undefined;
        const from = fields[i]!;
        const token: PreparedAuthorship = { preparedAuthorship: true };
        made.set(token, { from, secret, keyId: cipher.keyId, authorship: receivedAuthorship(sent, from) });
        return token;
      });
    },
    close: () => pool.destroy(),
  };
}

/**
 * The authorship prepared for a reply's input, when a preparer made it from exactly the fields the
 * input now holds, with this secret and key; undefined otherwise (none prepared, or the importer
 * changed a field since, as when it drops a refused email), and the writer makes it itself.
 */
export function preparedAuthorship(input: ImportedReplyInput, secret: string, cipher: EmailCipher): Authorship | undefined {
  const m = input.prepared && made.get(input.prepared);
  if (!m || m.secret !== secret || m.keyId !== cipher.keyId) return undefined;
  const { from } = m;
  const same = from.comment === input.comment && from.author === input.author && from.email === input.email && from.url === input.url;
  return same ? m.authorship : undefined;
}
