import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { adminPost, makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { useTestApp } from '../support/test-app.js';

// The same rules as test/web/valid-html.test.ts, for the newsroom's API tokens and webhooks pages.
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'attribute-boolean-style': 'off',
    'void-style': 'off',
    'long-title': 'off',
    // A group of checkboxes shares one name (the webhook's events), as HTML forms do for many values.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

async function expectValid(html: string, label: string) {
  const report = await validator.validateString(html);
  const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line}:${m.column})`));
  expect(messages, label).toEqual([]);
}

describe('the API tokens and webhooks pages are valid HTML', () => {
  const t = useTestApp(testDatabases[0]!);

  it('validates every page, with data, refusals and the secrets shown once', async () => {
    const user = await makeUser(t.container, 'administrator');
    const other = await makeUser(t.container, 'author');
    const { jar, csrf } = await signedInAs(t.container, user);
    const get = async (url: string) => (await t.app.inject({ url, headers: { accept: 'text/html', ...jar.header() } })).body;
    const post = async (url: string, fields: Record<string, string | string[]>) =>
      (await adminPost(t.app, url, { _csrf: csrf, ...fields }, jar)).body;

    await t.container.apiTokens.create(other.id, { name: 'Their script', scope: 'write' });
    await expectValid(await post('/admin/account/api-tokens', { name: 'Mine', scope: 'read' }), 'token made');
    await expectValid(await post('/admin/account/api-tokens', { name: '', scope: 'nope' }), 'token refused');
    const [mine] = await t.container.apiTokens.list(user.id);
    await expectValid(await get(`/admin/account/api-tokens/${mine!.id}/revoke`), 'revoke page');
    await t.container.apiTokens.revoke(user.id, mine!.id);
    await expectValid(await get('/admin/account/api-tokens?done=revoked'), 'tokens page');

    await expectValid(await post('/admin/webhooks', { url: 'ftp://x', events: [] }), 'webhook refused');
    await expectValid(await post('/admin/webhooks', { url: 'https://hooks.example/in', events: ['reply.held'] }), 'webhook added');
    const [hook] = await t.container.webhooks.list();
    await t.container.webhooks.sendTest(hook!.id);
    await t.container.webhooks.setDisabled(hook!.id, true);
    await expectValid(await get('/admin/webhooks'), 'webhooks page');
    await expectValid(await get(`/admin/webhooks/${hook!.id}?done=test`), 'webhook page');
    await expectValid(await get(`/admin/webhooks/${hook!.id}/remove`), 'remove page');
  });
});
