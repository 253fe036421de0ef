import type { Kysely } from 'kysely';
import { mailboxOf } from '../../lib/keyed-hash.js';
import { foldForComparison } from '../../lib/reader-text.js';
import type { Database } from '../../storage/schema.js';
import * as q from './accounts.queries.js';

/** Answers "does this reader's name or email pass for a newsroom member's?" (the replies module asks before auto-approving). */
export interface StaffDirectory {
  resembles(name: string, email: string): Promise<boolean>;
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
  return {
    async resembles(name, email) {
      const members = await q.listMemberIdentities(db);
      const wantedName = nameKey(name);
      const wantedEmail = email ? mailboxOf(email) : '';
      return members.some(
        (m) => (wantedName !== '' && nameKey(m.display_name) === wantedName) || (wantedEmail !== '' && mailboxOf(m.email) === wantedEmail),
      );
    },
  };
}
