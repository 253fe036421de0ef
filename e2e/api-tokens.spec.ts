import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokensPage, WebhooksPage } from './pages/api-pages.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';

describe.skipIf(!hasChromium)('API tokens and webhooks in the newsroom', () => {
  const ctx = useSiteAndBrowser();
  let editor: Page;
  let admin: Page;

  beforeAll(async () => {
    // axe is injected as a script; the strict CSP would refuse it.
    editor = await staffBrowser(ctx.browser, ctx.site, await addStaff(ctx.site, 'editor', 'Eda Editor'), { bypassCSP: true });
    admin = await staffBrowser(ctx.browser, ctx.site, await addStaff(ctx.site, 'administrator', 'Ada Admin'), { bypassCSP: true });
  });
  afterAll(async () => {
    await editor?.context().close();
    await admin?.context().close();
  });

  async function expectNothingSerious(page: Page, label: string) {
    expect(seriousOnes(await runAxe(page, label))).toEqual([]);
  }

  /** Calls the API as a program would, with the token in the Authorization header. */
  function callApi(secret: string) {
    return fetch(`${ctx.site.baseUrl}/api/v1/newsroom/replies`, {
      headers: { authorization: `Bearer ${secret}`, accept: 'application/json' },
    });
  }

  it('makes a token that is shown once and works against /api/v1, then revokes it and the API refuses it', async () => {
    const tokens = await new ApiTokensPage(editor).open();
    await expectNothingSerious(editor, 'API tokens');

    // A missing name is refused next to the field.
    await tokens.name.fill('');
    await editor.getByRole('button', { name: 'Make token' }).click();
    await tokens.errorSummary.getByRole('link', { name: /Give the token a name/ }).waitFor();
    await expectNothingSerious(editor, 'API tokens, refused');

    const secret = await tokens.make('Desk script', 'Read-only');
    expect(secret).toMatch(/^gzt_/);
    await expectNothingSerious(editor, 'token made');

    const answer = await callApi(secret);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toHaveProperty('replies');

    await tokens.open();
    const row = tokens.row('Desk script');
    await row.waitFor();
    expect(await row.textContent()).toContain('Read-only');
    expect(await row.textContent()).not.toContain('Never');
    // Never shown again: only its first characters tell it apart.
    expect(await editor.content()).not.toContain(secret);
    expect(await row.textContent()).toContain(secret.slice(0, 10));

    await row.getByRole('link', { name: /^Revoke\s*Desk script/ }).click();
    await editor.getByRole('heading', { level: 1, name: 'Revoke a token' }).waitFor();
    await expectNothingSerious(editor, 'revoke a token');
    await editor.getByRole('button', { name: 'Revoke token' }).click();
    await editor.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    expect(await tokens.notice.textContent()).toBe('Revoked. Programs using that token are refused from now on.');
    expect(await tokens.row('Desk script').textContent()).toContain('Revoked');

    const refused = await callApi(secret);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('lets an administrator add a webhook (the address checked, the secret shown once) and see its deliveries', async () => {
    const hooks = await new WebhooksPage(admin).open();
    await expectNothingSerious(admin, 'webhooks');

    await hooks.add('ftp://hooks.example/in', ['reply.held']);
    await hooks.errorSummary.getByRole('link', { name: /must start with https:\/\/ or http:\/\// }).waitFor();
    expect(await hooks.address.inputValue()).toBe('ftp://hooks.example/in');
    expect(await admin.getByRole('checkbox', { name: /^reply\.held / }).isChecked()).toBe(true);
    await expectNothingSerious(admin, 'webhooks, refused');

    await hooks.address.fill('https://hooks.example/in');
    await Promise.all([admin.waitForLoadState('load'), admin.getByRole('button', { name: 'Add webhook' }).click()]);
    await admin.getByRole('heading', { level: 1, name: 'Webhook added' }).waitFor();
    const secret = await admin.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectNothingSerious(admin, 'webhook added');

    await admin.getByRole('link', { name: 'See this webhook and its deliveries' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
    await admin.getByRole('button', { name: 'Send a test delivery' }).click();
    await admin.getByRole('cell', { name: 'webhook.test' }).waitFor();
    expect(await admin.content()).not.toContain(secret);
    await expectNothingSerious(admin, 'a webhook and its deliveries');
  });

  it('keeps webhooks from members who are not administrators', async () => {
    expect(await editor.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    const answer = await editor.goto('/admin/webhooks');
    expect(answer?.status()).toBe(403);
  });
});
