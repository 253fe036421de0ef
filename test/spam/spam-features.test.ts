import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysedChars, maxTextFeatures, spamFeatures, type SpamCandidate } from '../../src/modules/spam/index.js';

const reply = (comment: string, more: Partial<SpamCandidate> = {}): SpamCandidate => ({ comment, author: '', email: '', url: '', ...more });
const families = (features: string[]) => new Set(features.map((feature) => feature.slice(0, feature.indexOf(':'))));

describe('spam features', () => {
  it('names every feature by its family, and lists each once', () => {
    const features = spamFeatures(
      reply('Buy cheap pills NOW!!! https://bit.ly/x and [url=https://pills.shop]pills[/url] WhatsApp +44 7700 900123, earn $8,000', {
        author: 'Cheap Pills Shop',
        email: 'xk7qz91@example.net',
        url: 'https://cheap-pills.top/buy',
        secondsToFill: 2,
      }),
    );
    expect(new Set(features).size).toBe(features.length);
    expect([...families(features)].sort()).toEqual(
      ['author', 'b', 'caps', 'contact', 'email', 'fill', 'len', 'link', 'money', 'shape', 'site-field', 'w'].sort(),
    );
    expect(features).toEqual(
      expect.arrayContaining([
        'w:pills',
        'b:cheap_pills',
        'link:shortener',
        'link:bbcode',
        'link:tld:shop',
        'link:count:2',
        'site-field:tld:top',
        'site-field:hw:cheap',
        'author:keywords:2+',
        'email:local-random',
        'contact:phone-intl',
        'contact:messenger',
        'money:big',
        'shape:exclaim-run',
        'fill:<3s',
      ]),
    );
  });

  it('folds disguised words back to the word they hide', () => {
    const plain = spamFeatures(reply('viagra casino paypal'));
    for (const disguised of [
      'v1agra c@sino pаypal',
      'ｖｉａｇｒａ ｃａｓｉｎｏ paypal',
      'v\u200bi\u200ba\u200dgra casino pay\u00adpal',
      'v.i.a.g.r.a c a s i n o paypal',
    ]) {
      const features = spamFeatures(reply(disguised));
      expect(features, disguised).toEqual(expect.arrayContaining(['w:viagra', 'w:casino', 'w:paypal']));
    }
    expect(plain.some((feature) => feature.startsWith('obf:'))).toBe(false);
    expect(spamFeatures(reply('v1agra'))).toContain('obf:leet');
    expect(spamFeatures(reply('pаypal'))).toContain('obf:homoglyph');
    expect(spamFeatures(reply('c a s i n o'))).toContain('obf:spaced');
    expect(spamFeatures(reply('cas\u200bino'))).toContain('obf:invisible');
  });

  it('reads a word the same with or without quotes and punctuation around it', () => {
    for (const text of ["'budget'", 'budget!', '"budget"', '(budget)', '¡budget!'])
      expect(spamFeatures(reply(text)), text).toContain('w:budget');
    expect(spamFeatures(reply("don't"))).toContain("w:don't");
  });

  it('leaves real words with digits alone and folds digits to a shape', () => {
    const features = spamFeatures(reply('covid19 cases rose in 2024 after the G20 summit'));
    expect(features).toEqual(expect.arrayContaining(['w:covid##', 'w:####', 'w:g##']));
    expect(features).not.toContain('obf:leet');
  });

  it('reads scripts written without spaces as character pairs and triples, and names a mix of scripts, not which', () => {
    const japanese = spamFeatures(reply('東京の天気は大丈夫ですか', { author: '山田' }));
    expect(japanese).toEqual(expect.arrayContaining(['c2:東京', 'c3:東京の', 'script:mixed']));
    expect(spamFeatures(reply('ขอบคุณสำหรับข่าว'))).toContain('c3:ขอบ');
    expect(spamFeatures(reply('👍👍👍'))).toContain('script:none');
    // Which language a reply is in says where the reader lives, not whether it is spam.
    for (const text of ['Привет, отличная статья про выборы', 'ขอบคุณสำหรับข่าว', 'Great article'])
      expect(
        spamFeatures(reply(text)).filter((feature) => feature.startsWith('script:')),
        text,
      ).toEqual([]);
  });

  it('counts a language’s one- and two-letter words only inside word pairs', () => {
    const features = spamFeatures(reply('Цены на продукты и правда выросли'));
    expect(features).not.toContain('w:на');
    expect(features).not.toContain('w:и');
    expect(features).toEqual(expect.arrayContaining(['w:цены', 'b:на_продукты', 'b:и_правда']));
  });

  it('describes the name and e-mail fields without learning the e-mail domain', () => {
    const person = spamFeatures(reply('Fair point about the tram.', { author: 'Mina Park', email: 'mina.park@mail.example' }));
    expect(person).toEqual(expect.arrayContaining(['author:words:2', 'email:matches-name', 'email:local-separated']));
    expect(person.some((feature) => feature.startsWith('email:') && feature.includes('mail.example'))).toBe(false);
    const shop = spamFeatures(reply('Nice post', { author: 'www.best-loans.com', email: 'q9x7k2zz@example.net' }));
    expect(shop).toEqual(expect.arrayContaining(['author:domain-like', 'email:local-random', 'email:local-digits']));
  });

  it('gives no top-level domain feature for names reserved for examples', () => {
    const features = spamFeatures(reply('See https://news.example/a and https://example.org/b', { url: 'https://mina.example' }));
    expect(features.filter((feature) => /:(tld|domain):/.test(feature))).toEqual([]);
    expect(features).toContain('link:count:2');
  });

  it('buckets the time taken to fill the form only when it is known', () => {
    expect(spamFeatures(reply('hi', { secondsToFill: 45 }))).toContain('fill:<60s');
    expect(spamFeatures(reply('hi', { secondsToFill: null })).some((feature) => feature.startsWith('fill:'))).toBe(false);
    expect(spamFeatures(reply('hi', { secondsToFill: Number.NaN })).some((feature) => feature.startsWith('fill:'))).toBe(false);
  });

  it('never throws, whatever the fields hold', () => {
    for (const text of [
      '',
      ' ',
      '\ud800',
      '\udfff\ud800x',
      '😀😀😀',
      '\u0301\u0301\u0301\u0301',
      '\0',
      '@'.repeat(1000),
      '[url=',
      '<a href',
    ]) {
      expect(() => spamFeatures({ comment: text, author: text, email: text, url: text, secondsToFill: -1 })).not.toThrow();
    }
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.string(),
        fc.string({ unit: 'grapheme' }),
        (comment, author, email, url) => {
          const features = spamFeatures({ comment, author, email, url });
          expect(features.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the feature count capped and reads a bounded part of a huge reply', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i.toString(36)}`).join(' ');
    const han = Array.from({ length: 65_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join('');
    for (const comment of [words.slice(0, 65_000), han, 'x'.repeat(65_000), '1'.repeat(65_000), 'a '.repeat(32_500)]) {
      const features = spamFeatures(reply(comment));
      const textFeatures = features.filter((feature) => /^(w|b|c1|c2|c3):/.test(feature));
      expect(textFeatures.length).toBeLessThanOrEqual(maxTextFeatures + 1);
      expect(features.length).toBeLessThan(maxTextFeatures + 60);
      expect(features).toContain('len:2500+');
    }
    // A spam word past the analysed part is not read: the cost stays bounded.
    expect(spamFeatures(reply('a '.repeat(analysedChars) + 'viagra'))).not.toContain('w:viagra');
  });
});
