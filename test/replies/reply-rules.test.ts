import { describe, expect, it } from 'vitest';
import { InvalidFields } from '../../src/lib/errors.js';
import {
  buildThreads,
  pageOfThreads,
  presentReply,
  renderReplyText,
  validateReplyInput,
  type Reply,
} from '../../src/modules/replies/index.js';
import { countLinks, decideReplyStatus, defaultDiscussionSettings, findListedWord } from '../../src/modules/moderation/index.js';

const rules = { requireNameEmail: true };
const clean = { articleId: 1, parentId: null, comment: 'Hello there.', author: 'Ada', email: 'ada@example.org', url: '' };
const sender = { ip: '127.0.0.1', userAgent: 'test' };

function problemsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidFields) return Object.fromEntries(error.problems.map((p) => [p.field, p.message]));
    throw error;
  }
  return {};
}

describe('validateReplyInput', () => {
  it('reports every empty required field at once', () => {
    const problems = problemsOf(() => validateReplyInput({ articleId: 1, comment: '  ', author: '', email: '' }, rules));
    expect(Object.keys(problems).sort()).toEqual(['author', 'comment', 'email']);
    expect(problems.comment).toMatch(/type your comment/);
  });

  it('lets name and email be empty when the site does not require them', () => {
    expect(validateReplyInput({ articleId: 1, comment: 'Hi' }, { requireNameEmail: false }).author).toBe('Anonymous');
  });

  it('refuses an invalid email and website with a message saying what to fix', () => {
    const problems = problemsOf(() =>
      validateReplyInput({ articleId: 1, comment: 'Hi', author: 'A', email: 'not-an-email', url: 'javascript:alert(1)' }, rules),
    );
    expect(problems.email).toMatch(/valid email address/);
    expect(problems.url).toMatch(/valid website address/);
  });

  it('refuses a comment over 65,525 characters and says how long it was', () => {
    const problems = problemsOf(() =>
      validateReplyInput({ articleId: 1, comment: 'x'.repeat(65_526), author: 'A', email: 'a@b.org' }, rules),
    );
    expect(problems.comment).toContain('65,526');
  });

  it('accepts exactly 65,525 characters', () => {
    expect(validateReplyInput({ articleId: 1, comment: 'x'.repeat(65_525), author: 'A', email: 'a@b.org' }, rules).comment).toHaveLength(
      65_525,
    );
  });

  it('adds https:// to a website typed without a scheme', () => {
    expect(validateReplyInput({ articleId: 1, comment: 'Hi', author: 'A', email: 'a@b.org', url: 'example.com/me' }, rules).url).toBe(
      'https://example.com/me',
    );
  });
});

describe('decideReplyStatus', () => {
  const settings = { ...defaultDiscussionSettings };

  it('holds a first-time author', () => {
    expect(decideReplyStatus(clean, sender, settings, false).status).toBe('held');
  });

  it('approves an author who has an approved reply', () => {
    expect(decideReplyStatus(clean, sender, settings, true).status).toBe('approved');
  });

  it('holds a known author when every reply needs approval', () => {
    expect(decideReplyStatus(clean, sender, { ...settings, manualApproval: true }, true).status).toBe('held');
  });

  it('holds a reply with as many links as the setting names', () => {
    const linky = { ...clean, comment: 'see https://a.example and http://b.example' };
    expect(decideReplyStatus(linky, sender, settings, true)).toEqual({ status: 'held', reason: 'has 2 links' });
  });

  it('sends a reply with a block word to spam, matching whole words only', () => {
    const s = { ...settings, blockWords: ['press'] };
    expect(decideReplyStatus({ ...clean, comment: 'Stop the press!' }, sender, s, true).status).toBe('spam');
    expect(decideReplyStatus({ ...clean, comment: 'I use WordPress.' }, sender, s, true).status).toBe('approved');
  });
});

describe('word and link matching', () => {
  it('matches listed words case-insensitively on word boundaries, in any script', () => {
    expect(findListedWord(['casino'], 'Visit my CASINO now')).toBe('casino');
    expect(findListedWord(['casino'], 'casinos')).toBeUndefined();
    expect(findListedWord(['spam'], 'Straße spam!')).toBe('spam');
  });

  it('counts links', () => {
    expect(countLinks('no links')).toBe(0);
    expect(countLinks('www.a.org and <a href="x">')).toBe(2);
  });
});

describe('renderReplyText', () => {
  it('escapes every byte a reader sends', () => {
    expect(renderReplyText('<script>alert("x")</script>')).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
  });

  it('keeps paragraphs and line breaks, and links addresses with nofollow ugc', () => {
    expect(renderReplyText('one\ntwo\n\nsee https://example.org/a?b=1&c=2')).toBe(
      '<p>one<br>two</p><p>see <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a></p>',
    );
  });
});

describe('presentReply', () => {
  it('links a stored website only when it is an http(s) address, whatever wrote the row', () => {
    const stored: Reply = {
      id: 1,
      articleId: 1,
      parentId: null,
      authorName: 'Ada',
      authorUrl: 'javascript:alert(1)',
      authorFingerprint: 'f',
      body: 'Hi.',
      status: 'approved',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      staff: false,
      moderationReason: '',
    };
    expect(presentReply(stored, 1, 5).authorUrl).toBeNull();
    expect(presentReply({ ...stored, authorUrl: ' data:text/html,x' }, 1, 5).authorUrl).toBeNull();
    expect(presentReply({ ...stored, authorUrl: 'https://example.org/ada' }, 1, 5).authorUrl).toBe('https://example.org/ada');
  });
});

describe('buildThreads', () => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));
  const reply = (id: number, parentId: number | null, status: Reply['status'] = 'approved'): Reply => ({
    id,
    articleId: 1,
    parentId,
    authorName: `A${id}`,
    authorUrl: '',
    authorFingerprint: 'f'.repeat(64),
    body: `text ${id}`,
    status,
    createdAt: at(id),
  });

  it('nests a reply under its parent', () => {
    const threads = buildThreads([reply(1, null), reply(2, 1), reply(3, null)], { maxDepth: 5, order: 'oldest' });
    expect(threads.map((t) => t.id)).toEqual([1, 3]);
    expect(threads[0]!.children.map((c) => c.id)).toEqual([2]);
    expect(threads[0]!.children[0]!.depth).toBe(2);
  });

  it('puts answers past the depth limit beside their parent at the deepest level', () => {
    const threads = buildThreads([reply(1, null), reply(2, 1), reply(3, 2)], { maxDepth: 2, order: 'oldest' });
    const level2 = threads[0]!.children;
    expect(level2.map((c) => [c.id, c.depth])).toEqual([
      [2, 2],
      [3, 2],
    ]);
    expect(level2[0]!.canAnswer).toBe(false);
  });

  it('hides answers whose parent is not visible', () => {
    const threads = buildThreads([reply(2, 1), reply(3, null)], { maxDepth: 5, order: 'oldest' });
    expect(threads.map((t) => t.id)).toEqual([3]);
  });

  it('shows the newest threads first when asked', () => {
    expect(buildThreads([reply(1, null), reply(2, null)], { maxDepth: 5, order: 'newest' }).map((t) => t.id)).toEqual([2, 1]);
  });

  it('marks a held reply as awaiting moderation and not answerable', () => {
    const [held] = buildThreads([reply(1, null, 'held')], { maxDepth: 5, order: 'oldest' });
    expect(held!.awaitingModeration).toBe(true);
    expect(held!.canAnswer).toBe(false);
  });
});

describe('pageOfThreads', () => {
  const views = buildThreads(
    Array.from({ length: 5 }, (_, i) => ({
      id: i + 1,
      articleId: 1,
      parentId: null,
      authorName: 'A',
      authorUrl: '',
      authorFingerprint: 'f',
      body: 'b',
      status: 'approved' as const,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    })),
    { maxDepth: 5, order: 'oldest' },
  );

  it('shows everything when paging is off', () => {
    expect(pageOfThreads(views, 0)).toMatchObject({ page: 1, pageCount: 1 });
  });

  it('opens on the newest page, oldest first within it', () => {
    const last = pageOfThreads(views, 2);
    expect([last.page, last.pageCount, last.threads.map((t) => t.id)]).toEqual([3, 3, [5]]);
    expect(pageOfThreads(views, 2, 1).threads.map((t) => t.id)).toEqual([1, 2]);
    expect(pageOfThreads(views, 2, 99).page).toBe(3);
  });
});
