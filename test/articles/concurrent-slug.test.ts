import { describe, expect, it } from 'vitest';
import { makeUser, postEditor, signedInAs, articleFields } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { useTestApp } from '../support/test-app.js';

describe.each(testDatabases)('concurrent editor saves on $name', (database) => {
  const site = useTestApp(database);

  it('answers four saves with the same slug with one success and slug conflicts, never a 500', async () => {
    const author = await makeUser(site.container, 'author', 'Ana Author');
    const session = await signedInAs(site.container, author);
    const saves = await Promise.all(
      ['One', 'Two', 'Three', 'Four'].map((n) =>
        postEditor(site.app, '/admin/articles', articleFields(session.csrf, { headline: `Story ${n}`, slug: 'same-address' }), session.jar),
      ),
    );
    const statuses = saves.map((s) => s.statusCode).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    for (const refused of saves.filter((s) => s.statusCode !== 303)) {
      // 409 (lost the race at the insert) or 422 (saw the winner's row first): either way on the slug field.
      expect([409, 422]).toContain(refused.statusCode);
      expect(refused.body).toContain('Another article already lives at “same-address”');
    }
    const holders = (await site.container.editorial.list({})).filter((a) => a.slug === 'same-address');
    expect(holders).toHaveLength(1);
  });
});
