import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidFields } from '../../src/lib/errors.js';
import type { DomainEvent } from '../../src/lib/events.js';
import { checkSiteSettings, isNavigableHref } from '../../src/modules/settings/index.js';
import { testDatabases } from '../support/databases.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const admin = { id: null, name: 'Site test' };

/** The problems `update` refuses with, by field. */
async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidFields);
  return Object.fromEntries((error as InvalidFields).problems.map((p) => [p.field, p.message]));
}

describe('menu links', () => {
  it('takes paths on this site and http(s) addresses, and nothing that runs or leaves for another host', () => {
    for (const ok of ['/articles/about', '/section/world', 'https://example.org/x?y=1', 'http://example.org'])
      expect(isNavigableHref(ok)).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/',
      '/\\evil.example/',
      'about',
      'mailto:x@example.org',
      '/a b',
      '/a\u0000b',
      `/${'a'.repeat(600)}`,
    ])
      expect(isNavigableHref(bad), bad).toBe(false);
  });

  it('names the menu line that is wrong', () => {
    const { problems } = checkSiteSettings({
      navigation: [
        { label: 'About', href: '/articles/about' },
        { label: 'Click', href: 'javascript:alert(1)' },
      ],
    });
    expect(problems).toEqual([{ field: 'navigation', message: expect.stringContaining('Menu line 2') }]);
  });
});

describe.each(testDatabases)('the site settings on $name', (database) => {
  let ctx: TestContext;
  let events: DomainEvent[];
  beforeEach(async () => {
    ctx = await createTestContext(database, undefined, { env: { SITE_TITLE: 'The Morning Ledger' } });
    events = [];
    ctx.container.events.subscribe((e) => events.push(e));
  });
  afterEach(async () => {
    await ctx.close();
  });

  it("starts from the environment's title and Gazette's defaults", async () => {
    expect(await ctx.container.site.current()).toEqual({
      title: 'The Morning Ledger',
      description: '',
      logoMediaId: null,
      faviconMediaId: null,
      navigation: [],
      timeZone: 'UTC',
      language: 'en',
    });
  });

  it('saves every field in canonical form, audits what changed and announces it', async () => {
    const saved = await ctx.container.site.update(
      {
        title: '  The Evening Ledger ',
        description: 'News from the valley.',
        navigation: [{ label: ' About ', href: ' /articles/about ' }],
        timeZone: 'europe/paris',
        language: 'fr-ca',
      },
      admin,
    );
    expect(saved).toMatchObject({
      title: 'The Evening Ledger',
      navigation: [{ label: 'About', href: '/articles/about' }],
      timeZone: 'Europe/Paris',
      language: 'fr-CA',
    });
    expect(await ctx.container.site.current()).toEqual(saved);
    expect(events).toContainEqual({ type: 'settings.changed', key: 'site' });
    const [entry] = await ctx.container.audit.list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'settings.site', actor: { name: 'Site test' } });
    expect(entry!.before).toMatchObject({ title: 'The Morning Ledger', language: 'en' });
    expect(entry!.after).toMatchObject({ title: 'The Evening Ledger', language: 'fr-CA' });
    expect(Object.keys(entry!.after as object)).not.toContain('logoMediaId');
  });

  it('refuses an empty title, a 10,000-character title, a javascript: menu link, an unknown zone and a non-language, all at once, saving nothing', async () => {
    const before = await ctx.container.site.current();
    expect(
      await refusal(
        ctx.container.site.update(
          {
            title: '   ',
            navigation: [{ label: 'Win', href: 'javascript:alert(document.cookie)' }],
            timeZone: 'Mars/Olympus_Mons',
            language: 'not a language!',
          },
          admin,
        ),
      ),
    ).toEqual({
      title: 'Give the site a title.',
      navigation: expect.stringContaining('Menu line 1'),
      timeZone: expect.stringContaining('time zone'),
      language: expect.stringContaining('language tag'),
    });
    expect(await refusal(ctx.container.site.update({ title: 'x'.repeat(10_000) }, admin))).toEqual({
      title: 'The title may have at most 120 characters; it has 10000.',
    });
    expect(await ctx.container.site.current()).toEqual(before);
    expect(events).toEqual([]);
  });

  it('refuses a logo that is not an image, naming the logo', async () => {
    const problems = await refusal(
      ctx.container.site.update({}, admin, { logo: { bytes: Buffer.from('<svg onload="alert(1)"/>'), filename: 'logo.png' } }),
    );
    expect(problems).toEqual({ logoMediaId: expect.stringContaining('not an image') });
    expect((await ctx.container.site.current()).logoMediaId).toBeNull();
  });

  it('stores a logo and a favicon through the media pipeline', async () => {
    const png = await sharp({ create: { width: 200, height: 80, channels: 4, background: '#c00' } })
      .png()
      .toBuffer();
    const saved = await ctx.container.site.update({}, admin, {
      logo: { bytes: png, filename: 'logo.png' },
      favicon: { bytes: png, filename: 'icon.png' },
    });
    expect(saved.logoMediaId).toEqual(expect.any(Number));
    expect(await ctx.container.media.find(saved.logoMediaId!)).toMatchObject({ width: 200, height: 80 });
    expect(await ctx.container.media.find(saved.faviconMediaId!)).toBeDefined();
    expect(await refusal(ctx.container.site.update({ logoMediaId: 987_654 }, admin))).toEqual({
      logoMediaId: expect.stringContaining('upload it again'),
    });
  });

  it('reads the stored settings again once another node announces a change', async () => {
    await ctx.container.site.current();
    // Another node's write: straight to the table, then its event as the relay delivers it.
    await ctx.container.storage.db
      .insertInto('settings')
      .values({ key: 'site', value: JSON.stringify({ title: 'Written elsewhere' }) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ title: 'Written elsewhere' }) }))
      .execute();
    expect((await ctx.container.site.current()).title).toBe('The Morning Ledger');
    ctx.container.events.publish({ type: 'settings.changed', key: 'site' });
    expect((await ctx.container.site.current()).title).toBe('Written elsewhere');
  });
});
