import { InvalidFields } from '../../lib/errors.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { AuditActor } from '../audit/index.js';
import type { ImportTally } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import type { BylineChoice } from './wordpress-items.js';
import type { WxrAuthor, WxrItem } from './wxr-records.js';

/** A WordPress export's authors, and the byline each login gets (made once, remembered). */
export class WordpressBylines {
  private readonly authors = new Map<string, WxrAuthor>();
  /** Logins already turned into members (or bylines), with what the writer needs. */
  private readonly bylines = new Map<string, BylineChoice>();

  constructor(
    private readonly deps: Pick<ImporterDeps, 'accounts'>,
    private readonly trx: Transaction<Database>,
    private readonly tally: ImportTally,
    private readonly actor: AuditActor,
  ) {}

  /** Takes a `<wp:author>` of the export's author list. */
  add(author: WxrAuthor): void {
    if (author.login) this.authors.set(author.login, author);
  }

  /** The byline already chosen for a login, if any. */
  known(login: string): BylineChoice | undefined {
    return this.bylines.get(login);
  }

  /** The byline for an item's author: a member made from the export's author list, or a byline by name. */
  async for(item: WxrItem): Promise<BylineChoice> {
    const login = item.creator;
    const known = this.bylines.get(login);
    if (known) return known;
    const author = this.authors.get(login);
    let choice: BylineChoice;
    if (author?.email) {
      try {
        const member = await this.deps.accounts.importMember(
          { email: author.email, name: author.displayName || login, role: 'author' },
          this.actor,
          this.trx,
        );
        this.tally.count(member.created ? 'imported' : 'unchanged', 'members');
        choice = { authorId: member.authorId };
      } catch (error) {
        if (!(error instanceof InvalidFields)) throw error;
        this.tally.adjust(
          'is an author the newsroom could not take as a member (see the message): credited by name only',
          `${login}: ${error.message}`,
        );
        choice = { name: author.displayName || login };
      }
    } else {
      const name = author?.displayName || login || 'Staff';
      this.tally.adjust(
        author
          ? 'is an author without an email: credited by name, without a newsroom account'
          : 'names an author missing from the export: credited by name',
        login || '(no author)',
      );
      choice = { name };
    }
    this.bylines.set(login, choice);
    return choice;
  }
}
