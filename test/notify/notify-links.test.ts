import { describe, expect, it } from 'vitest';
import { oneHeaderLine } from '../../src/modules/mail/index.js';
import { notifyLinkKey, readLink, signLink } from '../../src/modules/notify/notify-links.js';

const key = notifyLinkKey('a-site-secret-long-enough-for-the-tests-0123');
const now = new Date('2026-01-05T10:00:00Z');

describe('notification links', () => {
  it('reads back what it signed, for its own purpose only', () => {
    const token = signLink(key, 'confirm', 42, new Date(now.getTime() + 1000));
    expect(readLink(key, 'confirm', token, now)).toEqual({ status: 'ok', subscriptionId: 42 });
    expect(readLink(key, 'unsubscribe', token, now)).toEqual({ status: 'forged' });
  });

  it('calls a link past its time expired, and an unsubscribe link never expires', () => {
    const token = signLink(key, 'confirm', 42, new Date(now.getTime() - 1));
    expect(readLink(key, 'confirm', token, now).status).toBe('expired');
    const forever = signLink(key, 'unsubscribe', 7, null);
    expect(readLink(key, 'unsubscribe', forever, new Date('2099-01-01T00:00:00Z'))).toEqual({ status: 'ok', subscriptionId: 7 });
  });

  it('refuses a changed id, another key, junk and non-strings as forged', () => {
    const token = signLink(key, 'confirm', 42, null);
    expect(readLink(key, 'confirm', token.replace('.16.', '.17.'), now).status).toBe('forged');
    expect(readLink(notifyLinkKey('another-secret-entirely-0123456789abcdef'), 'confirm', token, now).status).toBe('forged');
    for (const junk of ['', 'v1.c.1.0.x', `${token}x`, 42, null, { token }])
      expect(readLink(key, 'confirm', junk, now).status).toBe('forged');
  });
});

describe('one header line', () => {
  it('turns every line break and control character into a space', () => {
    expect(oneHeaderLine('Mallory\r\nBcc: victim@example.net')).toBe('Mallory Bcc: victim@example.net');
    expect(oneHeaderLine('a\u2028b\u0085c\td')).toBe('a b c d');
  });
});
