import type { Kysely, Transaction } from 'kysely';
import { mailboxOf } from '../../lib/keyed-hash.js';
import { foldForComparison } from '../../lib/reader-text.js';
import { readOncePerBatch } from '../../storage/batch-reads.js';
import type { Database } from '../../storage/schema.js';
import * as q from './accounts.queries.js';

/** Answers "does this reader's name or email pass for a newsroom member's?" (the replies module asks before auto-approving). */
export interface StaffDirectory {
  /** `within`: read through that open transaction; a reply batch's posts read the members once between them. */
  resembles(name: string, email: string, within?: Transaction<Database>): Promise<boolean>;
}

/** A name as people would read it: case, width, invisible characters and spacing set aside. */
function nameKey(name: string): string {
  return foldForComparison(name).replace(/ /g, '');
}

/**
 * The newsroom's members from the users table. Read on each call: a newsroom has tens of members,
 * and a member added a minute ago must be protected at once.
 */
export function createStaffDirectory(db: Kysely<Database>): StaffDirectory {
  /** Every member's name and mailbox as compared. */
  async function memberKeys(executor: Kysely<Database>): Promise<{ names: Set<string>; mailboxes: Set<string> }> {
    const members = await q.listMemberIdentities(executor);
    return { names: new Set(members.map((m) => nameKey(m.display_name))), mailboxes: new Set(members.map((m) => mailboxOf(m.email))) };
  }
  return {
    async resembles(name, email, within) {
      const { names, mailboxes } = within ? await readOncePerBatch(within, 'staff:keys', () => memberKeys(within)) : await memberKeys(db);
      const wantedName = nameKey(name);
      const wantedEmail = email ? mailboxOf(email) : '';
      return (wantedName !== '' && names.has(wantedName)) || (wantedEmail !== '' && mailboxes.has(wantedEmail));
    },
  };
}
