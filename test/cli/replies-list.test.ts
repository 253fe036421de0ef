import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { terminalSafeJson, visibleControls } from '../../src/lib/reader-text.js';
import { publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { noRelay } from '../../src/relay/index.js';
import { migrateToLatest } from '../../src/storage/db.js';
import { gazetteCommand } from '../support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'gazette-cli-replies-'));
const databaseFile = join(dir, 'gazette.db');

/** Runs `gazette …` from source; its environment is exactly the one named here. */
function gazette(args: string[]) {
  return gazetteCommand(
    args,
    { DATABASE_URL: databaseFile, LOG_LEVEL: 'silent', UPLOADS_DIR: join(dir, 'uploads') },
    { environment: 'exact' },
  );
}

// What a hostile reader would like a moderator's terminal to run: a colour change, clearing the
// screen, a window title, an OSC 8 hyperlink, a one-byte C1 CSI, a bell, a backspace over the
// real text, and a right-to-left override that reorders what follows.
const hostileName = 'Eve\x1b[31mRED\x1b]0;pwned\x07\u202e';
const hostileText =
  'Hello\x1b[2J\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ \u009b31m C1 \x08\x08\x7f \u2028 \u2066iso\u2069 end';

/** Any character a terminal would act on instead of printing. */
const actionable = /[\0-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/*
 * Finding 10 of issue 7: `gazette replies list` printed readers' text raw, escape sequences and all.
 * The row is written straight to the database, as an import or an older release could have stored it.
 */
describe('gazette replies list with hostile reader text', () => {
  beforeAll(async () => {
    const container = createContainer(loadConfig({ DATABASE_URL: databaseFile, LOG_LEVEL: 'silent', UPLOADS_DIR: join(dir, 'uploads') }), {
      relay: noRelay,
    });
    await migrateToLatest(container.storage);
    await publishDemoArticleIfEmpty(container);
    const articleId = (await container.storage.db.selectFrom('articles').select('id').executeTakeFirstOrThrow()).id;
    await container.storage.db
      .insertInto('replies')
      .values({
        article_id: articleId,
        parent_id: null,
        author_name: hostileName,
        author_email: 'eve@example.org',
        author_email_hash: 'x',
        author_url: '',
        body: hostileText,
        status: 'held',
        created_at: '2026-01-05T10:00:00.000Z',
        ip: '',
        user_agent: '',
        staff_user_id: null,
      })
      .execute();
    await container.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every control character as a visible escape in the one-line list', async () => {
    const result = await gazette(['replies', 'list', '--status', 'held']);
    expect(result.code).toBe(0);
    const line = result.stdout.replace(/\n$/, '');
    expect(line).not.toMatch(actionable);
    expect(line.split('\t').slice(1)).toEqual([
      'held',
      expect.any(String),
      visibleControls(hostileName),
      visibleControls(hostileText.replace(/\s+/g, ' ').slice(0, 59)) + '…',
    ]);
    expect(line).toContain('Eve\\u{1b}[31mRED\\u{1b}]0;pwned\\u{7}\\u{202e}');
  }, 40_000);

  it('prints JSON lines that escape them too and read back as the exact stored text', async () => {
    const result = await gazette(['replies', 'list', '--status', 'held', '--json']);
    expect(result.code).toBe(0);
    const line = result.stdout.trim();
    expect(line).not.toMatch(actionable);
    expect(line).toContain('\\u2028');
    expect(line).toContain('\\u009b');
    expect(JSON.parse(line)).toMatchObject({ author: hostileName, text: hostileText });
  }, 40_000);
});

describe('terminalSafeJson', () => {
  it('is JSON.stringify with DEL, C1, bidi controls and U+2028/9 escaped', () => {
    const value = { s: 'a\u2028b\u2029c\u0085d\u202ee\x7f', n: 1 };
    expect(terminalSafeJson(value)).toBe('{"s":"a\\u2028b\\u2029c\\u0085d\\u202ee\\u007f","n":1}');
    expect(JSON.parse(terminalSafeJson(value))).toEqual(value);
  });
});
