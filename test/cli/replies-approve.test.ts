import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { noRelay } from '../../src/relay/index.js';
import { migrateToLatest } from '../../src/storage/db.js';
import { replyFields, sender } from '../support/factories.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'gazette-cli-approve-'));
const env = { DATABASE_URL: join(dir, 'gazette.db'), LOG_LEVEL: 'silent', UPLOADS_DIR: join(dir, 'uploads') };

function gazette(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli', 'index.ts'), ...args],
      { cwd: root, env, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/*
 * Issue 8: `gazette replies approve` changed statuses without an audit entry, while the desk's
 * approvals were recorded. Every status change now goes through one audited path, and the command
 * names itself as the actor.
 */
describe('gazette replies approve', () => {
  let container: Container;
  let heldId: number;

  beforeAll(async () => {
    container = createContainer(loadConfig(env), { relay: noRelay });
    await migrateToLatest(container.storage);
    await publishDemoArticleIfEmpty(container);
    const articleId = (await container.storage.db.selectFrom('articles').select('id').executeTakeFirstOrThrow()).id;
    // A first-time author is held (the default rules).
    heldId = (await container.replies.post(replyFields({ articleId, author: 'Hal First', email: 'hal@example.org' }), sender())).id;
    expect((await container.replies.find(heldId))!.status).toBe('held');
  });
  afterAll(async () => {
    await container.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('approves the reply and records the approval in the audit trail, naming the command', async () => {
    const result = await gazette(['replies', 'approve', String(heldId)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Approved 1 reply.');
    expect((await container.replies.find(heldId))!.status).toBe('approved');
    const trail = await container.audit.list({ subjectType: 'reply', subjectId: heldId });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actor: { kind: 'cli', id: null, name: 'gazette replies approve' },
      action: 'reply.approve',
      before: { status: 'held' },
      after: { status: 'approved' },
    });
  });

  // Issue 11, item 10: the terminal could list and approve, not hold, mark as spam or trash.
  // Three commands, each a process of its own.
  it('holds, marks as spam and trashes replies through the desk, audited with the command and reason', { timeout: 120_000 }, async () => {
    for (const [command, status, verb] of [
      ['hold', 'held', 'Held'],
      ['spam', 'spam', 'Marked as spam'],
      ['trash', 'trash', 'Trashed'],
    ] as const) {
      const result = await gazette(['replies', command, String(heldId), '--reason', `checked by ${command}`]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${verb} 1 reply.\n`);
      expect((await container.replies.find(heldId))!.status).toBe(status);
      // Newest first.
      const [last] = await container.audit.list({ subjectType: 'reply', subjectId: heldId });
      expect(last).toMatchObject({
        actor: { kind: 'cli', name: `gazette replies ${command}` },
        action: `reply.${command}`,
        reason: `checked by ${command}`,
      });
    }
  });

  it('refuses an unknown reply id and changes nothing', async () => {
    const result = await gazette(['replies', 'hold', String(heldId), '999999']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('gazette: no reply with id 999999; nothing was changed.\n');
  });
});
