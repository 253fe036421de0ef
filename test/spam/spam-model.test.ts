import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCorpus, SpamModel, SpamModelFormatError, spamFeatures, type SpamCandidate } from '../../src/modules/spam/index.js';

const fixture = parseCorpus(readFileSync(new URL('./fixtures/replies.jsonl', import.meta.url), 'utf8'), 'replies.jsonl');

function trained(): SpamModel {
  const model = new SpamModel();
  for (const reply of fixture) model.learn(spamFeatures(reply), reply.label);
  return model;
}

const shopReply: SpamCandidate = {
  comment: 'Our repair shop in Leeds fixed the same boiler fault last winter, happy to help: https://leeds-boiler-repair.shop',
  author: 'Leeds Boiler Repair',
  email: 'info@example.org',
  url: 'https://leeds-boiler-repair.shop',
};

describe('spam model', () => {
  it('scores 0.5 with no signals when it knows nothing', () => {
    expect(new SpamModel().score(spamFeatures(shopReply))).toEqual({ score: 0.5, signals: [] });
  });

  it('tells the fixture spam from ham after learning it, and names the features behind a verdict', () => {
    const model = trained();
    const spamFeaturesSeen = spamFeatures({
      comment: 'Cheap viagra, fast delivery https://cheap-pills.shop',
      author: 'Cheap Pills',
      email: 'zq81xk@example.net',
      url: '',
    });
    const spam = model.score(spamFeaturesSeen);
    const ham = model.score(
      spamFeatures({
        comment: 'The council vote on the budget was held before the audit.',
        author: 'Ines Duarte',
        email: 'ines.duarte@mail.example',
        url: '',
      }),
    );
    expect(spam.score).toBeGreaterThan(0.9);
    expect(ham.score).toBeLessThan(0.1);
    expect(spam.signals.length).toBeGreaterThan(0);
    for (const { feature, weight } of spam.signals) {
      expect(spamFeaturesSeen).toContain(feature);
      expect(Number.isFinite(weight)).toBe(true);
    }
    expect(spam.signals[0]!.weight).toBeGreaterThan(0);
    expect(ham.signals.some(({ weight }) => weight < 0)).toBe(true);
    const weights = spam.signals.map(({ weight }) => Math.abs(weight));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('explains a verdict with signals from both directions when both exist', () => {
    const model = trained();
    const mixed = model.score(
      spamFeatures({
        comment: 'The council vote on the budget: buy cheap viagra https://cheap-pills.shop',
        author: 'Tom Becker',
        email: '',
        url: '',
      }),
      6,
    );
    expect(mixed.signals.length).toBeLessThanOrEqual(6);
    expect(mixed.signals.some(({ weight }) => weight > 0)).toBe(true);
    expect(mixed.signals.some(({ weight }) => weight < 0)).toBe(true);
  });

  it('returns to exactly the same counts when a decision is unlearnt', () => {
    const model = trained();
    const before = JSON.stringify(model.toJSON());
    const features = spamFeatures(shopReply);
    model.learn(features, 'ham', 5);
    expect(JSON.stringify(model.toJSON())).not.toBe(before);
    model.unlearn(features, 'ham', 5);
    expect(JSON.stringify(model.toJSON())).toBe(before);
    model.unlearn(['w:never-learnt'], 'spam');
    expect(model.stats().documents.spam).toBe(fixture.filter((reply) => reply.label === 'spam').length - 1);
    expect(model.stats().features).toBe(Object.keys(JSON.parse(before).features).length);
  });

  it('refuses a weight that is not a positive number', () => {
    for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new SpamModel().learn(['w:a'], 'spam', weight)).toThrow(/positive finite number/);
    }
  });

  it('changes the next verdict after "not spam" on a couple of similar replies, at weight 5', () => {
    const model = trained();
    expect(model.score(spamFeatures(shopReply)).score).toBeGreaterThan(0.5);
    const similar: SpamCandidate[] = [
      { ...shopReply, comment: 'We fixed a boiler fault like this in Leeds last year; the article is right about the parts shortage.' },
      { ...shopReply, comment: 'As a boiler repair shop in Leeds we see this every winter, see https://leeds-boiler-repair.shop/advice' },
    ];
    for (const reply of similar) model.learn(spamFeatures(reply), 'ham', 5);
    expect(model.score(spamFeatures(shopReply)).score).toBeLessThan(0.5);
  });

  it('gives the same model back from its JSON form, through text', () => {
    const model = trained();
    const copy = SpamModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.toJSON()).toEqual(model.toJSON());
    expect(copy.score(spamFeatures(shopReply))).toEqual(model.score(spamFeatures(shopReply)));
    expect(copy.stats()).toEqual(model.stats());
    const odd = SpamModel.fromJSON(
      JSON.parse('{"format":"gazette-spam-model","version":1,"documents":{"spam":1,"ham":0},"features":{"__proto__":[1,0]}}'),
    );
    expect(JSON.parse(JSON.stringify(odd)).features).toEqual(JSON.parse('{"__proto__":[1,0]}'));
  });

  it('refuses a corrupt model with a message naming the problem', () => {
    const good = trained().toJSON();
    const cases: Array<[unknown, RegExp]> = [
      [null, /expected a JSON object/],
      [[], /expected a JSON object/],
      [{ ...good, format: 'other' }, /"format"/],
      [{ ...good, version: 2 }, /version 2 is not supported/],
      [{ ...good, documents: { spam: -1, ham: 3 } }, /"documents"/],
      [{ ...good, documents: undefined }, /"documents"/],
      [{ ...good, features: [] }, /"features" must be an object/],
      [{ ...good, features: { 'w:x': [1] } }, /feature "w:x" must have two non-negative counts/],
      [{ ...good, features: { 'w:x': [1, 'two'] } }, /feature "w:x"/],
      [{ ...good, features: { 'w:x': [Number.NaN, 1] } }, /feature "w:x"/],
    ];
    for (const [value, message] of cases) {
      expect(() => SpamModel.fromJSON(value)).toThrow(SpamModelFormatError);
      expect(() => SpamModel.fromJSON(value)).toThrow(message);
    }
  });

  it('keeps only features seen often enough when pruned', () => {
    const model = trained();
    const pruned = model.pruned(2);
    expect(pruned.stats().features).toBeLessThan(model.stats().features);
    expect(pruned.stats().documents).toEqual(model.stats().documents);
    for (const [, [spam, ham]] of Object.entries(pruned.toJSON().features)) expect(spam + ham).toBeGreaterThanOrEqual(2);
  });
});
