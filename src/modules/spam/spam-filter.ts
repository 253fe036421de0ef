import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { EmailCipher } from '../../lib/email-cipher.js';
import type { Logger } from '../../lib/logger.js';
import type { Database } from '../../storage/schema.js';
import type { ReplyDecision, ReplyJudge, ReplyStatus } from '../replies/index.js';
import { spamFeatures, type SpamCandidate } from './spam-features.js';
import type { SpamLabel, SpamModel, SpamModelStats, SpamSignal } from './spam-model.js';
import { readShippedModel } from './spam-model-file.js';
import * as q from './spam-training.queries.js';

/** How much one moderator's decision counts against one reply of the shipped corpus. */
export const MODERATOR_LESSON_WEIGHT = 5;
/** Lessons read per query while a node catches up. */
const CATCH_UP_BATCH = 1_000;

/** A verdict of the filter on one reply. */
export interface SpamVerdict {
  spam: boolean;
  score: number;
  signals: SpamSignal[];
}

/** A reply moved by a moderator: what the filter learns from. */
export interface ModeratorMove {
  replyId: number;
  from: ReplyStatus;
  to: ReplyStatus;
}

/**
 * The site's spam filter: the shipped model plus every lesson this site's moderators taught it,
 * kept in the database (`spam_training`) and replayed by each node, so every node judges alike.
 * It judges new replies (a `ReplyJudge`), learns from moderators' decisions inside their
 * transaction, scores without learning (`gazette spam score`), and learns from a labelled file.
 *
 * A missing or corrupt model never stops the site: every reply is then held for a person, with the
 * reason on the desk, and the error goes to the log once.
 */
export interface SpamFilter {
  /** Reads the lessons other nodes recorded since the last call (cheap when there are none). */
  /** `within`: read through that open transaction (a reply batch's), where the lessons are read once for the batch. */
  refresh(within?: Transaction<Database>): Promise<void>;
  /** The filter as a judge of a reader's new reply. */
  judge: ReplyJudge;
  /** Scores one reply without learning from it. */
  score(reply: SpamCandidate): SpamVerdict;
  /** Learns from moderators' status changes, inside their transaction. */
  learnFromModerators(trx: Transaction<Database>, moves: readonly ModeratorMove[]): Promise<void>;
  /** Learns from labelled replies (a file), recorded like a moderator's lessons; returns how many. */
  learnFromExamples(examples: readonly { reply: SpamCandidate; label: SpamLabel }[]): Promise<number>;
  /** The model's size and what it learnt, or why it is not working. */
  stats(): { working: true; threshold: number; model: SpamModelStats; lessons: number } | { working: false; problem: string };
}

/** Dependencies of the spam filter. */
export interface SpamFilterDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
  /** Where the shipped model is (default: `models/spam-model.json` in the installation). */
  modelPath?: string;
  /** Opens the sealed commenter emails it learns from; `within`: the moderator's open transaction. */
  emailCipher(within?: Transaction<Database>): Promise<Pick<EmailCipher, 'open'>>;
}

function describe(verdict: SpamVerdict): string {
  const toward = verdict.signals
    .filter((s) => s.weight > 0)
    .slice(0, 4)
    .map((s) => s.feature);
  return `the spam filter scored it ${verdict.score.toFixed(2)}${toward.length > 0 ? `; strongest signals: ${toward.join(', ')}` : ''}`;
}

/** The spam filter over the database. */
export function createSpamFilter(deps: SpamFilterDeps): SpamFilter {
  const { db, clock } = deps;
  let model: SpamModel | undefined;
  let threshold = 1;
  let problem = '';
  try {
    const shipped = readShippedModel(deps.modelPath);
    model = shipped.model;
    threshold = shipped.threshold;
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    deps.logger.error({ err: error }, `the spam filter could not load its model; every reply is held until it can: ${problem}`);
  }
  let lastLessonId = 0;
  let lessons = 0;

  function apply(row: q.SpamLessonRow): void {
    // Two refreshes may overlap (posts on several connections): a lesson is learnt once.
    if (row.id <= lastLessonId) return;
    lastLessonId = row.id;
    if (!model) return;
    const features = JSON.parse(row.features) as string[];
    if (row.weight > 0) model.learn(features, row.label, row.weight);
    else model.unlearn(features, row.label, -row.weight);
    lessons++;
  }

  function score(reply: SpamCandidate): SpamVerdict {
    if (!model) return { spam: false, score: 0.5, signals: [] };
    const result = model.score(spamFeatures(reply));
    return { spam: result.score >= threshold, score: result.score, signals: result.signals };
  }

  /** Lessons for one reply moving: take back what stood, learn what it is now. */
  async function lessonsFor(trx: Transaction<Database>, replyId: number, label: SpamLabel, features: string[], nowIso: string) {
    const standing = await q.standingLessonOf(trx, replyId);
    if (standing?.label === label) return [];
    const lesson = { reply_id: replyId, source: 'moderator', created_at: nowIso };
    return [
      ...(standing ? [{ ...lesson, label: standing.label, weight: -standing.weight, features: standing.features }] : []),
      { ...lesson, label, weight: MODERATOR_LESSON_WEIGHT, features: JSON.stringify(features) },
    ];
  }

  return {
    async refresh(within) {
      for (;;) {
        const rows = await q.lessonsAfter(within ?? db, lastLessonId, CATCH_UP_BATCH);
        for (const row of rows) apply(row);
        if (rows.length < CATCH_UP_BATCH) return;
      }
    },

    judge: {
      judge(candidate): ReplyDecision {
        const { reply, botSignals } = candidate;
        if (!model)
          return { status: 'held', reason: `the spam filter is not working (${problem}); held for a person to check`, score: null };
        const verdict = score({ ...reply, secondsToFill: botSignals.secondsToFill });
        return verdict.spam
          ? { status: 'spam', reason: describe(verdict), score: verdict.score }
          : { status: 'approved', reason: '', score: verdict.score };
      },
    },

    score,

    async learnFromModerators(trx, moves) {
      // A spam mark teaches spam; "not spam" (spam → approved) and approving a held reply teach ham.
      const taught = moves
        .map((m) => ({
          ...m,
          label:
            m.to === 'spam' && m.from !== 'spam' ? 'spam' : m.to === 'approved' && (m.from === 'spam' || m.from === 'held') ? 'ham' : null,
        }))
        .filter((m): m is ModeratorMove & { label: SpamLabel } => m.label !== null);
      if (taught.length === 0) return;
      const texts = new Map(
        (
          await q.replyTexts(
            trx,
            taught.map((m) => m.replyId),
          )
        ).map((r) => [r.id, r]),
      );
      const nowIso = clock.now().toISOString();
      const cipher = await deps.emailCipher(trx);
      const rows = [];
      for (const move of taught) {
        const text = texts.get(move.replyId);
        if (!text) continue;
        const features = spamFeatures({
          comment: text.body,
          author: text.author_name,
          email: cipher.open(text.author_email),
          url: text.author_url,
        });
        rows.push(...(await lessonsFor(trx, move.replyId, move.label, features, nowIso)));
      }
      await q.insertLessons(trx, rows);
    },

    async learnFromExamples(examples) {
      const nowIso = clock.now().toISOString();
      const rows = examples.map((e) => ({
        reply_id: null,
        label: e.label,
        weight: 1,
        features: JSON.stringify(spamFeatures(e.reply)),
        source: 'file',
        created_at: nowIso,
      }));
      await db.transaction().execute((trx) => q.insertLessons(trx, rows));
      return rows.length;
    },

    stats() {
      if (!model) return { working: false, problem };
      return { working: true, threshold, model: model.stats(), lessons };
    },
  };
}
