import type { BotSignals, ReplyDecision, ReplyJudge } from '../replies/index.js';

/** A person needs at least this long to read a form and type a reply; a post sooner is a machine's. */
export const MIN_SECONDS_TO_POST = 3;

/** How long a served form's token is accepted: an old tab's reply is held, not lost. */
export const FORM_TOKEN_LIFETIME_MS = 24 * 3600_000;

/** Why a filled honeypot sends a reply to spam (moderators see it). */
export const honeypotReason = 'the hidden honeypot field was filled';

/**
 * The verdict the bot signals give on their own, or undefined when they show a person. Only
 * moderators see the reason. Never a refusal: a bot learns nothing from the answer, and a person
 * whose browser filled the hidden field, or who posted from an old tab, loses nothing (a
 * moderator rescues the reply).
 */
export function decideBotSignals(signals: BotSignals, minSeconds = MIN_SECONDS_TO_POST): Omit<ReplyDecision, 'score'> | undefined {
  if (signals.honeypot) return { status: 'spam', reason: honeypotReason };
  switch (signals.token) {
    case 'missing':
    case 'forged':
      return { status: 'held', reason: 'the form token was missing or forged' };
    case 'expired':
      return { status: 'held', reason: 'the form was served more than a day ago' };
    case 'replayed':
      return { status: 'held', reason: 'the same form was posted before' };
    case 'ok':
      break;
  }
  if (signals.secondsToFill !== null && signals.secondsToFill < minSeconds) {
    return { status: 'held', reason: `posted ${signals.secondsToFill} s after the form was served: faster than a person types` };
  }
  return undefined;
}

/** The bot signals as a judge: approves when they show a person, so a combination lets the next judge decide. */
export function botJudge(minSeconds = MIN_SECONDS_TO_POST): ReplyJudge {
  return {
    judge: ({ botSignals }) => ({ ...(decideBotSignals(botSignals, minSeconds) ?? { status: 'approved', reason: '' }), score: null }),
  };
}

const strength: Record<ReplyDecision['status'], number> = { approved: 0, held: 1, spam: 2 };

/**
 * Several judges as one: each judges, the strongest verdict wins (spam over held over approved);
 * between equals the earlier judge's reason stands. The bot signals come first, then the site's
 * rules; the spam filter joins the list. A verdict with no reason (a judge that found nothing) never
 * replaces one with a reason at the same strength.
 */
export function combineJudges(judges: readonly ReplyJudge[]): ReplyJudge {
  return {
    judge(candidate) {
      let best: ReplyDecision | undefined;
      const scores: (number | null)[] = [];
      for (const judge of judges) {
        const decision = judge.judge(candidate);
        scores.push(decision.score);
        if (
          !best ||
          strength[decision.status] > strength[best.status] ||
          (strength[decision.status] === strength[best.status] && !best.reason && decision.reason)
        )
          best = decision;
      }
      if (!best) throw new Error('combineJudges needs at least one judge');
      // A score (the spam filter's) is worth keeping for moderators even when another judge decided.
      return best.score === null ? { ...best, score: scores.find((s) => s !== null) ?? null } : best;
    },
  };
}
