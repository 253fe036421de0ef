import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/lib/project-root.js';
import {
  corpusDigest,
  formatShippedModel,
  parseShippedModel,
  readCorpusFiles,
  readShippedModel,
  shippedSpamModelPath,
  spamFeatures,
  SpamModelFormatError,
  type SpamCandidate,
} from '../../src/modules/spam/index.js';

const shipped = readShippedModel();
const isSpam = (reply: SpamCandidate) => shipped.model.score(spamFeatures(reply)).score >= shipped.threshold;

describe('the shipped spam model', () => {
  it('loads, with a threshold and the provenance of its training data', () => {
    expect(shipped.threshold).toBeGreaterThan(0);
    expect(shipped.threshold).toBeLessThan(1);
    expect(shipped.model.stats().features).toBeGreaterThan(1000);
    expect(shipped.provenance.sizes.train + shipped.provenance.sizes.test).toBe(
      shipped.provenance.sizes.spam + shipped.provenance.sizes.ham,
    );
  });

  it('was built from the corpus in the repository (run `npm run spam:model` after changing it)', () => {
    const corpus = readCorpusFiles(['ham', 'spam'].map((label) => join(projectRoot(), 'corpus', 'replies', `${label}.jsonl`)));
    expect(shipped.provenance.corpusDigest).toBe(corpusDigest(corpus));
  });

  it('is written the one deterministic way: reading and writing it again gives the same bytes', () => {
    const text = readFileSync(shippedSpamModelPath(), 'utf8');
    expect(formatShippedModel(parseShippedModel(text, 'spam-model.json'))).toBe(text);
  });

  it('calls obvious spam spam', () => {
    const spam: SpamCandidate[] = [
      {
        comment: 'Buy cheap viagra online, best price, fast delivery! http://cheap-meds.shop/buy',
        author: 'Cheap Viagra',
        email: 'xk7qz91@example.net',
        url: 'https://cheap-meds.shop',
      },
      {
        comment: 'I made $8,000 last month working from home. Contact me on WhatsApp +44 7700 900123 to learn how',
        author: 'Mary',
        email: 'mary88@example.com',
        url: '',
      },
      {
        comment: 'Best online casino, 200% bonus and free spins today only!!! https://lucky-spins.bet',
        author: 'Casino Bonus',
        email: 'bonus4412@example.org',
        url: 'https://lucky-spins.bet',
      },
    ];
    for (const reply of spam) expect(isSpam(reply), reply.comment).toBe(true);
  });

  it('calls obvious ham ham', () => {
    const ham: SpamCandidate[] = [
      {
        comment: 'The council should have published the budget before the vote. Residents deserve to see where the money goes.',
        author: 'Tom Becker',
        email: 'tom.becker@mail.example',
        url: '',
      },
      {
        comment: 'Our street flooded again on Tuesday; thanks for reporting on the drains, nobody else did.',
        author: 'Amira Haddad',
        email: 'amira@home.test',
        url: '',
      },
      {
        comment: 'Is the second round of the election still planned for the 14th, or was it moved?',
        author: 'Léa Martin',
        email: '',
        url: '',
      },
    ];
    for (const reply of ham) expect(isSpam(reply), reply.comment).toBe(false);
  });

  it('turns a verdict after two "not spam" decisions on similar replies, at weight 5', () => {
    const { model, threshold } = readShippedModel();
    const shop: SpamCandidate = {
      comment: 'Our repair shop in Leeds fixed the same boiler fault last winter, happy to help: https://leeds-boiler-repair.co.uk',
      author: 'Leeds Boiler Repair',
      email: 'info@example.org',
      url: 'https://leeds-boiler-repair.co.uk',
    };
    expect(model.score(spamFeatures(shop)).score).toBeGreaterThanOrEqual(threshold);
    for (const comment of [
      'We fixed a boiler fault like this in Leeds last year; the article is right about the parts shortage.',
      'As a boiler repair shop in Leeds we see this every winter, see https://leeds-boiler-repair.co.uk/advice',
    ]) {
      model.learn(spamFeatures({ ...shop, comment }), 'ham', 5);
    }
    expect(model.score(spamFeatures(shop)).score).toBeLessThan(threshold);
  });

  it('refuses a damaged file with a message naming it', () => {
    const text = readFileSync(shippedSpamModelPath(), 'utf8');
    expect(() => parseShippedModel(text.slice(0, 500), 'cut.json')).toThrow(/cut\.json: not valid JSON/);
    expect(() => parseShippedModel(text.replace('"threshold": ', '"threshold": 7 + '), 'bad.json')).toThrow(SpamModelFormatError);
    expect(() => parseShippedModel(JSON.stringify({ ...JSON.parse(text), threshold: 2 }), 'bad.json')).toThrow(
      /bad\.json: "threshold" must be a number between 0 and 1/,
    );
    expect(() =>
      parseShippedModel(JSON.stringify({ ...JSON.parse(text), model: { format: 'gazette-spam-model', version: 1 } }), 'bad.json'),
    ).toThrow(/bad\.json: "documents"/);
    expect(() => readShippedModel('/nonexistent/spam-model.json')).toThrow(/cannot be read \(ENOENT\)/);
  });
});
