import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { notifyLinkKey } from '../../src/modules/notify/notify-links.js';
import { privacyLinkKey, readPrivacyLink, signPrivacyLink } from '../../src/modules/privacy/privacy-links.js';

const key = privacyLinkKey('a site secret of the privacy link tests, 0123456789');
const now = new Date('2026-03-01T12:00:00Z');
const inAnHour = new Date(now.getTime() + 3600_000);

describe('the privacy page’s signed links', () => {
  it('reads back the request a link was signed for, until it expires', () => {
    const token = signPrivacyLink(key, 42, inAnHour);
    expect(readPrivacyLink(key, token, now)).toEqual({ status: 'ok', requestId: 42 });
    expect(readPrivacyLink(key, ` ${token} `, now)).toEqual({ status: 'ok', requestId: 42 });
    expect(readPrivacyLink(key, token, new Date(inAnHour.getTime() + 1))).toEqual({ status: 'expired' });
  });

  it('takes a link signed with another key, altered, cut or of another shape for forged', () => {
    const token = signPrivacyLink(key, 42, inAnHour);
    const [, id, expiry, mac] = token.split('.') as [string, string, string, string];
    const forged = [
      signPrivacyLink(privacyLinkKey('another secret entirely, 0123456789abcdef'), 42, inAnHour),
      `p1.${(43).toString(36)}.${expiry}.${mac}`,
      `p1.${id}.${(inAnHour.getTime() + 86_400_000).toString(36)}.${mac}`,
      token.slice(0, -1),
      `${token}A`,
      `v1.c.${id}.${expiry}.${mac}`,
      '',
      'p1...',
      `p1.0.${expiry}.${mac}`,
      undefined,
      42,
    ];
    for (const t of forged) expect(readPrivacyLink(key, t, now), String(t)).toEqual({ status: 'forged' });
  });

  it('uses its own key: a notification link’s MAC never passes for a privacy link', () => {
    const secret = 'one site secret for both, 0123456789abcdef';
    expect(privacyLinkKey(secret).equals(notifyLinkKey(secret))).toBe(false);
    expect(privacyLinkKey(secret).equals(createHmac('sha256', secret).update('gazette privacy link v1').digest())).toBe(true);
  });
});
