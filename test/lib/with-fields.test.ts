import { describe, expect, it } from 'vitest';
import { withFields } from '../../src/lib/with-fields.js';

describe('withFields', () => {
  it('is what a spread makes: the same fields, values and order, later ones winning', () => {
    const base = { articleId: 4, comment: 'Hello', createdAt: new Date(0), author: 'Kim' };
    const more = { parentId: undefined, createdAt: new Date(1), author: 'Anonymous' };
    const made = withFields(base, more);
    expect(made).toEqual({ ...base, ...more });
    expect(Object.keys(made)).toEqual(Object.keys({ ...base, ...more }));
    // What the import's change digests are made of: the same text.
    expect(JSON.stringify(made)).toBe(JSON.stringify({ ...base, ...more }));
  });

  it('leaves both objects as they were', () => {
    const base = { a: 1 };
    const more = { b: 2 };
    expect(withFields(base, more)).not.toBe(base);
    expect(base).toEqual({ a: 1 });
    expect(more).toEqual({ b: 2 });
  });
});
