import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSpamFilter } from '../../src/modules/spam/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle, replyFields, sender } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const moderator = { kind: 'user', id: null, name: 'Desk moderator' } as const;
const silent = { error: () => {} };

const pharmacySpam = {
  comment:
    'Buy cheap v1agra and c1alis online, no prescription needed, fast discreet shipping! Best prices at https://best-pills-now.top/order',
  author: 'Cheap Pills Online',
  email: 'xk7qz91@example.net',
  url: 'https://best-pills-now.top',
};

/*
 * The spam filter inside Gazette (issue 10): it judges a reader's reply as it arrives, puts what it
 * takes for spam in the spam queue with its score and strongest signals, learns from moderators'
 * decisions through the database (so every node learns them), and never stops the site when its
 * model cannot be read.
 */
describe.each(testDatabases)('the spam filter on $name', (database) => {
  let site: TestContext;
  beforeEach(async () => {
    site = await createTestContext(database);
  });
  afterEach(async () => {
    await site.close();
  });

  it('judges a pharmacy spam reply spam, with its score and strongest signals, and lets a reader through', async () => {
    const judge = (reply: typeof pharmacySpam) =>
      site.container.spam.judge.judge({
        reply: { articleId: 1, parentId: null, ...reply },
        sender: sender(),
        knownAuthor: false,
        looksLikeStaff: false,
        botSignals: sender().botSignals,
      });
    const spam = judge(pharmacySpam);
    expect(spam.status).toBe('spam');
    expect(spam.reason).toMatch(/^the spam filter scored it [01]\.\d\d; strongest signals: /);
    expect(spam.score).toBeGreaterThan(0.9);
    const reader = judge({
      comment: 'Glad the quay is open again; my father fished from it for forty years.',
      author: 'Mina Park',
      email: 'mina@mail.example',
      url: '',
    });
    expect(reader).toMatchObject({ status: 'approved', reason: '' });
    expect(reader.score).toBeLessThan(0.5);
  });

  it("learns from a moderator's “not spam”, and a second node reading the same database judges alike", async () => {
    const articleId = (await makeArticle(site.container, { headline: 'Local shop news' })).id;
    const promo = {
      comment: 'Our family bakery on Harbour Street has fresh rye bread every morning, visit us at https://harbourbakery.shop',
      author: 'Harbour Bakery',
      email: 'hello@mail.example',
      url: 'https://harbourbakery.shop',
    };
    const before = site.container.spam.score(promo).score;
    const first = await site.container.replies.post(replyFields({ articleId, ...promo }), sender());
    // The moderator says these are welcome on this site, twice.
    site.clock.advance(20_000); // past the flood interval
    const second = await site.container.replies.post(
      replyFields({ articleId, ...promo, comment: `${promo.comment} Open on Sundays too.` }),
      sender(),
    );
    await site.container.replies.changeReplyStatus([first.id, second.id], 'approved', moderator);
    await site.container.spam.refresh();
    const after = site.container.spam.score(promo).score;
    expect(after).toBeLessThan(before);

    const otherNode = createSpamFilter({
      db: site.storage.db,
      clock: site.clock,
      logger: silent,
      emailCipher: (within) => site.container.settings.emailCipher(within),
    });
    await otherNode.refresh();
    expect(otherNode.score(promo).score).toBeCloseTo(after, 10);
  });

  it('takes a lesson back exactly when a moderator changes their mind', async () => {
    const articleId = (await makeArticle(site.container, { headline: 'Weather' })).id;
    const reply = await site.container.replies.post(
      replyFields({
        articleId,
        comment: 'Rain again on the coast road this morning, drive slowly.',
        author: 'Ola',
        email: 'ola@mail.example',
      }),
      sender(),
    );
    const text = { comment: 'Rain again on the coast road this morning, drive slowly.', author: 'Ola', email: 'ola@mail.example', url: '' };
    const untaught = site.container.spam.score(text).score;
    await site.container.replies.changeReplyStatus([reply.id], 'spam', moderator);
    await site.container.spam.refresh();
    expect(site.container.spam.score(text).score).toBeGreaterThan(untaught);
    await site.container.replies.changeReplyStatus([reply.id], 'approved', moderator);
    await site.container.spam.refresh();
    const lessons = await site.storage.db.selectFrom('spam_training').select(['label', 'weight']).orderBy('id').execute();
    expect(lessons).toEqual([
      { label: 'spam', weight: 5 },
      { label: 'spam', weight: -5 },
      { label: 'ham', weight: 5 },
    ]);
  });

  it('learns nothing from Gazette’s own moves', async () => {
    const articleId = (await makeArticle(site.container, { headline: 'Quiet' })).id;
    const reply = await site.container.replies.post(replyFields({ articleId }), sender());
    await site.container.replies.changeReplyStatus([reply.id], 'spam', { kind: 'system', id: null, name: 'Gazette' });
    expect(await site.storage.db.selectFrom('spam_training').selectAll().execute()).toEqual([]);
  });

  it('holds every reply, saying why, when its model cannot be read', async () => {
    const errors: string[] = [];
    const broken = createSpamFilter({
      db: site.storage.db,
      clock: site.clock,
      emailCipher: (within) => site.container.settings.emailCipher(within),
      logger: { error: (_o: unknown, m?: string) => errors.push(m ?? '') },
      modelPath: '/nonexistent/spam-model.json',
    });
    expect(errors[0]).toMatch(/could not load its model/);
    expect(broken.stats()).toMatchObject({ working: false });
    const decision = broken.judge.judge({
      reply: { articleId: 1, parentId: null, comment: 'hello', author: 'A', email: 'a@mail.example', url: '' },
      sender: sender(),
      knownAuthor: true,
      looksLikeStaff: false,
      botSignals: sender().botSignals,
    });
    expect(decision.status).toBe('held');
    expect(decision.reason).toMatch(/^the spam filter is not working/);
  });
});
