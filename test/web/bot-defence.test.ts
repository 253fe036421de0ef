import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage, postForm } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const articleUrl = `/articles/${slug}`;
const formUrl = `/articles/${slug}/replies`;
const apiUrl = `/api/articles/${slug}/replies`;

/** The token a page's reply form carries. */
function tokenOn(html: string): string {
  const match = /<input type="hidden" name="form_token" value="([^"]+)">/.exec(html);
  if (!match) throw new Error('the page has no form token');
  return match[1]!;
}

/*
 * Issue 10, "bots stopped before the rules": the honeypot sends a reply to spam; a bad, old, fast or
 * replayed form token holds it. Never a refusal: the poster's answer is a held reply's.
 */
describe.each(testDatabases)('bots stopped before the rules on $name', (database) => {
  const site = useTestApp(database);

  let n = 0;
  /** A reply's fields from a reader of our own (a distinct address each, so flood control stays out). */
  const fields = (overrides: Record<string, string> = {}) => ({
    comment: `Reply ${++n}: the harbour plan needs a second look.`,
    author: 'Iris Returning',
    email: 'iris@example.org',
    url: '',
    comment_parent: '0',
    ...overrides,
  });

  /** Posts the HTML form; returns the new reply's id. The clock then moves past the flood interval. */
  async function postHtml(values: Record<string, string>, jar = new CookieJar()): Promise<number> {
    const response = await postForm(site.app, formUrl, values, jar);
    site.clock.advance(20_000);
    expect(response.statusCode).toBe(303);
    return Number(/#reply-(\d+)$/.exec(String(response.headers.location))![1]);
  }

  async function postApi(values: Record<string, unknown>) {
    const response = await site.app.inject({ method: 'POST', url: apiUrl, headers: { accept: 'application/json' }, payload: values });
    site.clock.advance(20_000);
    return response;
  }

  async function verdict(id: number) {
    return site.container.storage.db
      .selectFrom('replies')
      .select(['status', 'decision_status', 'decision_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  /** Makes Iris a returning author: one reply approved, so the rules alone would approve her next. */
  async function returningAuthor() {
    const id = await postHtml(fields());
    await site.container.replies.changeReplyStatus([id], 'approved', { kind: 'system', id: null, name: 'test setup' });
    site.clock.advance(60_000);
  }

  it('lets a person’s post through to the usual rules: a first reply held, a returning author’s approved', async () => {
    const first = await postHtml(fields({ author: 'New Reader', email: 'new@example.org' }));
    expect(await verdict(first)).toEqual({ status: 'held', decision_status: 'held', decision_reason: 'first reply from this author' });
    await returningAuthor();
    const again = await postHtml(fields());
    expect(await verdict(again)).toMatchObject({ status: 'approved', decision_reason: 'the author has an approved reply' });
  });

  it('stores a post with the honeypot filled as spam, answering as for a held reply (form and API)', async () => {
    await returningAuthor();
    const jar = new CookieJar();
    const id = await postHtml(fields({ contact_url: 'https://cheap-pills.example' }), jar);
    expect(await verdict(id)).toEqual({ status: 'spam', decision_status: 'spam', decision_reason: 'the hidden honeypot field was filled' });
    const strangers = (await getPage(site.app, articleUrl)).body;
    expect(strangers).not.toContain(`id="reply-${id}"`);

    site.clock.advance(60_000);
    const response = await postApi({ ...fields({ contact_url: 'x' }), form_token: site.app.formTokens.issue(60) });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.reply.status).toBe('held');
    expect(body.message).toBe('Your comment is awaiting moderation.');
    expect(body.reply.html).toContain('Your comment is awaiting moderation.');
    expect(await verdict(body.reply.id)).toMatchObject({ status: 'spam', decision_reason: 'the hidden honeypot field was filled' });
  });

  it('holds a post sent sooner after the form was served than a person can type', async () => {
    await returningAuthor();
    const id = await postHtml(fields({ form_token: site.app.formTokens.issue(1) }));
    expect(await verdict(id)).toEqual({
      status: 'held',
      decision_status: 'held',
      decision_reason: 'posted 1 s after the form was served: faster than a person types',
    });
  });

  it('holds a post whose form was served more than a day ago', async () => {
    await returningAuthor();
    const id = await postHtml(fields({ form_token: site.app.formTokens.issue(86_400 + 60) }));
    expect(await verdict(id)).toMatchObject({ status: 'held', decision_reason: 'the form was served more than a day ago' });
  });

  it('holds a post with its token missing or forged, through the form and the API', async () => {
    await returningAuthor();
    const missing = await postHtml(fields({ form_token: '' }));
    expect(await verdict(missing)).toMatchObject({ status: 'held', decision_reason: 'the form token was missing or forged' });
    site.clock.advance(60_000);
    const token = site.app.formTokens.issue(60);
    const forged = await postHtml(fields({ form_token: `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}` }));
    expect(await verdict(forged)).toMatchObject({ status: 'held', decision_reason: 'the form token was missing or forged' });
    site.clock.advance(60_000);
    const api = await postApi(fields());
    expect(api.statusCode).toBe(201);
    expect(await verdict(api.json().reply.id)).toMatchObject({ status: 'held', decision_reason: 'the form token was missing or forged' });
  });

  it('holds the second post of the same form, through the form and the API', async () => {
    await returningAuthor();
    const token = site.app.formTokens.issue(60);
    const first = await postHtml(fields({ form_token: token }));
    expect((await verdict(first)).status).toBe('approved');
    site.clock.advance(60_000);
    const replay = await postHtml(fields({ form_token: token }));
    expect(await verdict(replay)).toMatchObject({ status: 'held', decision_reason: 'the same form was posted before' });
    site.clock.advance(60_000);
    const api = await postApi({ ...fields(), form_token: token });
    expect(await verdict(api.json().reply.id)).toMatchObject({ status: 'held', decision_reason: 'the same form was posted before' });
  });

  it('lets only one of two simultaneous posts of the same form pass the replay check', async () => {
    await site.container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    const token = site.app.formTokens.issue(60);
    const responses = await Promise.all(
      ['a', 'b'].map((who) =>
        site.app.inject({
          method: 'POST',
          url: apiUrl,
          headers: { accept: 'application/json' },
          payload: { ...fields({ author: `Twin ${who}`, email: `twin-${who}@example.org` }), form_token: token },
        }),
      ),
    );
    const reasons = await Promise.all(responses.map(async (r) => (await verdict(r.json().reply.id)).decision_reason));
    expect(reasons.sort()).toEqual(['first reply from this author', 'the same form was posted before']);
  });

  it('leaves a token unused when its post is refused, so the reader can send the form again', async () => {
    await returningAuthor();
    const token = site.app.formTokens.issue(60);
    const refused = await postForm(site.app, formUrl, fields({ form_token: token, email: 'not an address' }));
    expect(refused.statusCode).toBe(422);
    const id = await postHtml(fields({ form_token: token }));
    expect((await verdict(id)).status).toBe('approved');
  });

  it('gives the form shown again after an error a fresh token', async () => {
    const token = site.app.formTokens.issue(60);
    const refused = await postForm(site.app, formUrl, fields({ form_token: token, comment: '' }));
    expect(refused.statusCode).toBe(422);
    expect(tokenOn(refused.body)).not.toBe(token);
  });

  it('accepts the token a page served once the reader has taken a person’s time, and the API’s next one', async () => {
    await returningAuthor();
    const token = tokenOn((await getPage(site.app, articleUrl)).body);
    site.clock.advance(5_000);
    const response = await postApi({ ...fields(), form_token: token });
    expect(response.json().reply.status).toBe('approved');
    const next = response.json().formToken as string;
    expect(next).not.toBe(token);
    site.clock.advance(61_000);
    const second = await postApi({ ...fields(), form_token: next });
    expect(second.json().reply.status).toBe('approved');
  });

  it('stamps a different token into each cached copy of an article page, keeping one ETag', async () => {
    const first = await site.app.inject({ url: articleUrl, headers: { accept: 'text/html' } });
    const second = await site.app.inject({ url: articleUrl, headers: { accept: 'text/html' } });
    const third = await site.app.inject({ url: `${articleUrl}?replytocom=1`, headers: { accept: 'text/html' } });
    const fourth = await site.app.inject({ url: `${articleUrl}?replytocom=1`, headers: { accept: 'text/html' } });
    expect([first.headers['x-cache'], second.headers['x-cache'], fourth.headers['x-cache']]).toEqual(['miss', 'hit', 'hit']);
    const tokens = [first, second, third, fourth].map((r) => tokenOn(r.body));
    expect(new Set(tokens).size).toBe(4);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.replace(tokens[1]!, tokens[0]!)).toBe(first.body);
    expect(first.body).not.toContain('gazette:form-token');
    const revalidated = await site.app.inject({
      url: articleUrl,
      headers: { accept: 'text/html', 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('forgets used tokens once they would have expired anyway', async () => {
    await postHtml(fields());
    const db = site.container.storage.db;
    const count = async () => (await db.selectFrom('used_form_tokens').select('nonce').execute()).length;
    expect(await count()).toBe(1);
    expect(await site.container.replies.purgeUsedFormTokens(site.clock.now())).toBe(0);
    expect(await site.container.replies.purgeUsedFormTokens(new Date(site.clock.now().getTime() + 86_400_000))).toBe(1);
    expect(await count()).toBe(0);
  });
});
