import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conflict } from '../../src/lib/errors.js';
import { testPassword } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

describe.each(testDatabases)('creating accounts at the same moment on $name', (database) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(database);
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('gives one of four creations with the same email the account, the others a conflict on the email', async () => {
    const results = await Promise.allSettled(
      ['One', 'Two', 'Three', 'Four'].map((n) =>
        ctx.container.accounts.create({ email: 'same@newsroom.example', name: `Writer ${n}`, role: 'author', password: testPassword }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(Conflict);
      expect(r.reason).toMatchObject({ field: 'email', message: 'There is already an account with this email address.' });
    }
  });
});

// PostgreSQL reads committed rows only: a creation that checks while another transaction has
// inserted the same address, not yet committed, sees nothing and meets it at the unique index.
const postgres = testDatabases.find((d) => d.name === 'postgres');
describe.runIf(postgres)('an account created while another with its email is being committed, on postgres', () => {
  it('is a conflict on the email, not a driver error', async () => {
    const ctx = await createTestContext(postgres!);
    try {
      const db = ctx.storage.db;
      const nowIso = ctx.clock.now().toISOString();
      let creation: Promise<unknown> | undefined;
      await db.transaction().execute(async (trx) => {
        const { id: authorId } = await trx
          .insertInto('authors')
          .values({ slug: 'first-writer', display_name: 'First Writer', bio: '', created_at: nowIso })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('users')
          .values({
            email: 'race@newsroom.example',
            display_name: 'First Writer',
            role: 'author',
            password_hash: 'x',
            author_id: authorId,
            created_at: nowIso,
            updated_at: nowIso,
          })
          .execute();
        creation = ctx.container.accounts
          .create({ email: 'race@newsroom.example', name: 'Second Writer', role: 'author', password: testPassword })
          .catch((error: unknown) => error);
        // Commit only once the creation waits on our row at the index (its check saw nothing).
        await waitFor(
          async () => {
            const { rows } = await sql<{
              n: number;
            }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into "users"%'`.execute(
              db,
            );
            return rows[0]!.n > 0;
          },
          { timeoutMs: 10_000 },
        );
      });
      const outcome = await creation;
      expect(outcome).toBeInstanceOf(Conflict);
      expect(outcome).toMatchObject({ field: 'email', message: 'There is already an account with this email address.' });
    } finally {
      await ctx.close();
    }
  });
});
