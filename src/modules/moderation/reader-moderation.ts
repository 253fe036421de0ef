import type { ReaderModeration, ReplyJudge } from '../replies/index.js';
import type { SpamFilter } from '../spam/index.js';
import { botJudge, combineJudges } from './bot-judge.js';
import type { DiscussionSettings } from './discussion-settings.js';
import type { DiscussionSettingsService } from './discussion-settings.service.js';
import { rulesJudge } from './reply-moderation.js';

/**
 * The spam filter's verdict sent where the site wants it: a reply judged spam goes to the spam queue,
 * or to the held queue when the setting says a person decides (the reason and score stay the same).
 */
function filterJudge(filter: ReplyJudge, sends: DiscussionSettings['spamFilterSends']): ReplyJudge {
  if (sends === 'spam') return filter;
  return {
    judge(candidate) {
      const decision = filter.judge(candidate);
      return decision.status === 'spam' ? { ...decision, status: 'held' } : decision;
    },
  };
}

/**
 * The moderation policy readers' replies go through: the discussion settings in force and a judge
 * bound to them: the bot signals (honeypot, form token), the spam filter when one is given, and the
 * site's rules, combined so the strongest verdict wins (and the filter's score is kept whoever wins).
 */
export function createReaderModeration(
  discussion: Pick<DiscussionSettingsService, 'current'>,
  spam?: Pick<SpamFilter, 'refresh' | 'judge'>,
): ReaderModeration {
  return {
    async forPost(within) {
      // The filter first reads what moderators on other nodes taught it since the last post.
      const [rules] = await Promise.all([discussion.current(within), spam?.refresh(within)]);
      const judges = [botJudge(), ...(spam ? [filterJudge(spam.judge, rules.spamFilterSends)] : []), rulesJudge(rules)];
      return { rules, judge: combineJudges(judges) };
    },
  };
}
