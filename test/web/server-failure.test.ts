import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, postForm } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';

describe('when the server itself fails', () => {
  it('gives the reader their text back in a form to send again, without a stack trace', async () => {
    const { app, storage, close } = await createTestApp(testDatabases[0]!);
    try {
      await app.ready();
      // The database goes away under the running app.
      await storage.db.destroy();
      const response = await postForm(
        app,
        `/articles/${demoArticle.slug}/replies`,
        {
          comment: 'A long and careful reply <that> must survive.',
          author: 'Ada',
          email: 'ada@example.org',
          comment_parent: '0',
        },
        new CookieJar(),
      );
      expect(response.statusCode).toBeGreaterThanOrEqual(500);
      expect(response.body).toContain('What you sent was not saved yet.');
      expect(response.body).toContain('A long and careful reply &lt;that> must survive.</textarea>');
      expect(response.body).toContain('<input type="hidden" name="author" value="Ada"/>');
      expect(response.body).toMatch(/<form method="post" action="\/articles\/[^"]+\/replies"/);
      expect(response.body).not.toMatch(/at .*\.(ts|js):\d+|Error:/);
    } finally {
      await app.close();
      await close().catch(() => {});
    }
  });
});
