import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import type { User } from '../../src/modules/accounts/index.js';
import type { AddressExport } from '../../src/modules/privacy/index.js';
import { adminPost, makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { replyFields, sender, testModerator } from '../support/factories.js';
import { CookieJar, getPage } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const ADA = 'ada@example.org';

describe.each(testDatabases)('commenters’ data on the desk, on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let editor: User;
  let session: { jar: CookieJar; csrf: string };
  let articleId: number;

  beforeEach(async () => {
    ({ app, container, clock, close } = await createTestApp(database));
    editor = await makeUser(container, 'editor', 'Eda Editor');
    session = await signedInAs(container, editor);
    articleId = (await container.articles.getPublished(slug)).id;
  });
  afterEach(() => close());

  async function reply(author: string, email: string, comment: string, parentId: number | null = null) {
    clock.advance(60_000);
    const posted = await container.replies.post(replyFields({ articleId, author, email, comment, parentId, notify: true }), sender());
    if (posted.status !== 'approved') await container.replies.changeReplyStatus([posted.id], 'approved', testModerator);
    return posted.id;
  }

  const post = (path: string, fields: Record<string, string>) => adminPost(app, path, { _csrf: session.csrf, ...fields }, session.jar);

  it('looks an address up, without the address ever landing in a URL', async () => {
    await reply('Ada', ADA, 'One.');
    await reply('Ada', ADA, 'Two.');
    const page = await getPage(app, '/admin/privacy', session.jar);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Look up what is stored for an email address');
    const found = await post('/admin/privacy', { email: 'ADA@example.org' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('2 replies, 2 reply notifications.');
    expect(found.body).toContain('Download as JSON');
    const nothing = await post('/admin/privacy', { email: 'nobody@example.org' });
    expect(nothing.body).toContain('0 replies, 0 reply notifications.');
    expect(nothing.body).not.toContain('Download as JSON');
    const bad = await post('/admin/privacy', { email: 'not <an> address' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Please enter a valid email address');
    expect(bad.body).toContain('value="not &lt;an> address"');
  });

  it('exports an address as JSON, and the audit trail records it without the address', async () => {
    const id = await reply('Ada', ADA, 'One.');
    const response = await post('/admin/privacy/export', { email: ADA });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="personal-data.json"');
    const data = JSON.parse(response.body) as AddressExport;
    expect(data.replies.map((r) => [r.id, r.email, r.text])).toEqual([[id, ADA, 'One.']]);
    const [entry] = await container.audit.list({ subjectType: 'address' });
    expect(entry).toMatchObject({ action: 'privacy.export', actor: { id: editor.id, name: 'Eda Editor' }, after: { replies: 1 } });
    expect(JSON.stringify(entry)).not.toContain(ADA);
  });

  it('erases only after the box is ticked, in the erasure mode in force, and audits it without the address', async () => {
    const ada = await reply('Ada', ADA, 'Will the talks cover drills?');
    const bob = await reply('Bob', 'bob@example.org', 'They will.', ada);

    const unconfirmed = await post('/admin/privacy/erase', { email: ADA });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Tick the box to confirm the erasure.');
    expect((await container.replies.find(ada))!.authorName).toBe('Ada');

    const done = await post('/admin/privacy/erase', { email: ADA, confirm: 'on' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Erased: 1 reply anonymised, 1 notification deleted.');
    expect((await container.replies.find(ada))!).toMatchObject({
      authorName: 'Anonymous',
      authorUrl: '',
      body: 'Will the talks cover drills?',
    });
    expect((await container.replies.find(bob))!.authorName).toBe('Bob');

    const [entry] = await container.audit.list({ subjectType: 'address' });
    expect(entry).toMatchObject({
      action: 'privacy.erase',
      actor: { kind: 'user', id: editor.id, name: 'Eda Editor' },
      reason: 'erased from the moderation desk',
      after: { mode: 'anonymise', replies: 1, subscriptions: 1 },
    });
    const fingerprint = (await container.replies.commenterEmails()).fingerprint(ADA);
    expect((entry!.before as { address: string }).address).toBe(fingerprint.slice(0, 16));
    expect(JSON.stringify(await container.storage.db.selectFrom('audit_log').selectAll().execute())).not.toContain(ADA);
    // The audit trail page shows it.
    const trail = await getPage(app, '/admin/audit', session.jar);
    expect(trail.body).toContain('privacy.erase');
  });

  it('removes on the desk too when the setting says remove, and blanks the removed replies’ texts from earlier audit entries', async () => {
    await container.discussion.update({ erasureMode: 'remove' }, testModerator);
    const ada = await reply('Ada', ADA, 'A first version.');
    await container.desk.edit(ada, 'An edited version.', 'typo', { id: editor.id, name: editor.name });
    const bob = await reply('Bob', 'bob@example.org', 'They will.', ada);
    const done = await post('/admin/privacy/erase', { email: ADA, confirm: 'on' });
    expect(done.body).toContain('Erased: 1 reply deleted');
    expect(await container.replies.find(ada)).toBeUndefined();
    expect((await container.replies.find(bob))!.parentId).toBeNull();
    const trail = JSON.stringify(await container.storage.db.selectFrom('audit_log').selectAll().execute());
    expect(trail).not.toContain('A first version.');
    expect(trail).not.toContain('An edited version.');
  });

  it('is for moderators only', async () => {
    const author = await makeUser(container, 'author');
    const theirs = await signedInAs(container, author);
    expect((await getPage(app, '/admin/privacy', theirs.jar)).statusCode).toBe(403);
    const refused = await adminPost(app, '/admin/privacy/erase', { _csrf: theirs.csrf, email: ADA, confirm: 'on' }, theirs.jar);
    expect(refused.statusCode).toBe(403);
    // Without the form token: refused before anything is looked at.
    const forged = await adminPost(app, '/admin/privacy/erase', { email: ADA, confirm: 'on' }, session.jar);
    expect(forged.statusCode).toBe(403);
    // Signed out: sent to sign in.
    expect((await getPage(app, '/admin/privacy')).statusCode).toBe(303);
  });
});
