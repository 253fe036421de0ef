import { describe, expect, it } from 'vitest';
import { InvalidFields } from '../../src/lib/errors.js';
import {
  buildThreads,
  formatReplyDate,
  pageOfThreads,
  presentReply,
  renderReplyText,
  replyHtml,
  threadPage,
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

describe('threadPage', () => {
  // Threads of one to four replies, some answering past the depth limit, one answer to a hidden parent.
  const replies: Reply[] = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    articleId: 1,
    parentId: i % 4 === 0 ? null : i === 39 ? 999 : i,
    authorName: `A${i}`,
    authorUrl: '',
    authorFingerprint: `f${i % 7}`,
    body: `text ${i}`,
    status: 'approved' as const,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
  }));

  it('gives the page pageOfThreads gives, presenting only the threads it shows', () => {
    for (const order of ['oldest', 'newest'] as const)
      for (const [perPage, requested] of [
        [0, undefined],
        [3, undefined],
        [3, 1],
        [3, 2],
        [4, 99],
        [100, undefined],
      ] as const) {
        const options = { maxDepth: 2, order };
        expect(threadPage(replies, { ...options, perPage, ...(requested ? { requested } : {}) })).toEqual(
          pageOfThreads(buildThreads(replies, options), perPage, requested),
        );
      }
  });
});

describe('replyHtml', () => {
  it('uses the HTML stored with the reply, and makes it from the text for a reply stored without', () => {
    expect(replyHtml({ body: 'see www.example.org', bodyHtml: '<p>stored</p>' })).toBe('<p>stored</p>');
    expect(replyHtml({ body: 'see www.example.org', bodyHtml: '' })).toBe(renderReplyText('see www.example.org'));
    expect(replyHtml({ body: 'a < b' })).toBe('<p>a &lt; b</p>');
  });
});

describe('formatReplyDate', () => {
  it('names the zone as Intl does, across daylight-saving changes and half-hour zones', () => {
    for (const timeZone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Seoul']) {
      const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
      const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone });
      const expected = (d: Date) => `${date.format(d)} ${name.formatToParts(d).find((p) => p.type === 'timeZoneName')!.value}`;
      // Through 2026 every three hours, and minute by minute through any three hours the name changes in.
      const step = 3 * 3_600_000;
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += step) {
        const [from, to] = [new Date(at), new Date(at + step)];
        expect(formatReplyDate(from, timeZone)).toBe(expected(from));
        if (expected(from).split(' ').at(-1) !== expected(to).split(' ').at(-1))
          for (let minute = at; minute < at + step; minute += 60_000)
            expect(formatReplyDate(new Date(minute), timeZone)).toBe(expected(new Date(minute)));
      }
    }
  });
});
