import { describe, expect, it } from 'vitest';
import {
  botJudge,
  combineJudges,
  decideBotSignals,
  defaultDiscussionSettings,
  MIN_SECONDS_TO_POST,
  rulesJudge,
} from '../../src/modules/moderation/index.js';
import type { BotSignals, ReplyCandidate, ReplyDecision, ReplyJudge } from '../../src/modules/replies/index.js';

const person: BotSignals = { honeypot: false, token: 'ok', secondsToFill: 60 };

function candidate(signals: Partial<BotSignals> = {}, knownAuthor = true): ReplyCandidate {
  const botSignals = { ...person, ...signals };
  return {
    reply: { articleId: 1, parentId: null, comment: 'A fair point about the harbour.', author: 'Ada', email: 'ada@example.org', url: '' },
    sender: { ip: '10.0.0.1', userAgent: 'test', botSignals, formNonce: null },
    knownAuthor,
    looksLikeStaff: false,
    botSignals,
  };
}

const fixed = (decision: Omit<ReplyDecision, 'score'>): ReplyJudge => ({ judge: () => ({ ...decision, score: null }) });

describe('the bot signals', () => {
  it('send a filled honeypot to spam, whatever the token says', () => {
    expect(decideBotSignals({ ...person, honeypot: true, token: 'forged', secondsToFill: null })).toEqual({
      status: 'spam',
      reason: 'the hidden honeypot field was filled',
    });
  });

  it('hold a post whose token is missing, forged, expired or replayed, each with its reason', () => {
    expect(decideBotSignals({ ...person, token: 'missing', secondsToFill: null })?.reason).toBe('the form token was missing or forged');
    expect(decideBotSignals({ ...person, token: 'forged', secondsToFill: null })?.reason).toBe('the form token was missing or forged');
    expect(decideBotSignals({ ...person, token: 'expired', secondsToFill: 90_000 })?.reason).toBe(
      'the form was served more than a day ago',
    );
    expect(decideBotSignals({ ...person, token: 'replayed' })).toEqual({ status: 'held', reason: 'the same form was posted before' });
  });

  it('hold a post sent sooner than a person types, and let one at the minimum through', () => {
    expect(decideBotSignals({ ...person, secondsToFill: MIN_SECONDS_TO_POST - 1 })).toEqual({
      status: 'held',
      reason: `posted ${MIN_SECONDS_TO_POST - 1} s after the form was served: faster than a person types`,
    });
    expect(decideBotSignals({ ...person, secondsToFill: MIN_SECONDS_TO_POST })).toBeUndefined();
  });
});

describe('judges combined', () => {
  it('take the strongest verdict: spam over held over approved, in any order', () => {
    const spam = fixed({ status: 'spam', reason: 'a' });
    const held = fixed({ status: 'held', reason: 'b' });
    const approved = fixed({ status: 'approved', reason: 'c' });
    for (const order of [
      [spam, held, approved],
      [approved, held, spam],
      [held, spam, approved],
    ]) {
      expect(combineJudges(order).judge(candidate()).status).toBe('spam');
    }
    expect(combineJudges([approved, held]).judge(candidate())).toEqual({ status: 'held', reason: 'b', score: null });
  });

  it('keep the earlier reason between equal verdicts', () => {
    const first = fixed({ status: 'held', reason: 'first' });
    const second = fixed({ status: 'held', reason: 'second' });
    expect(combineJudges([first, second]).judge(candidate()).reason).toBe('first');
  });

  it('let the rules decide a person’s post, and the bot signals hold a returning author’s fast one', () => {
    const judge = combineJudges([botJudge(), rulesJudge(defaultDiscussionSettings)]);
    expect(judge.judge(candidate({}, true))).toEqual({ status: 'approved', reason: 'the author has an approved reply', score: null });
    expect(judge.judge(candidate({}, false))).toEqual({ status: 'held', reason: 'first reply from this author', score: null });
    expect(judge.judge(candidate({ secondsToFill: 0 }, true)).reason).toBe(
      'posted 0 s after the form was served: faster than a person types',
    );
  });

  it('let a block word (spam) outrank a bot hold, and the honeypot outrank a first-time hold', () => {
    const judge = combineJudges([botJudge(), rulesJudge({ ...defaultDiscussionSettings, blockWords: ['harbour'] })]);
    expect(judge.judge(candidate({ token: 'missing', secondsToFill: null }))).toEqual({
      status: 'spam',
      reason: 'contains the blocked word "harbour"',
      score: null,
    });
    const rules = combineJudges([botJudge(), rulesJudge(defaultDiscussionSettings)]);
    expect(rules.judge(candidate({ honeypot: true }, false)).reason).toBe('the hidden honeypot field was filled');
  });
});
