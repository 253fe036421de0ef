import type { ReaderModeration } from '../replies/index.js';
import type { SpamFilter } from '../spam/index.js';
import { botJudge, combineJudges } from './bot-judge.js';
import type { DiscussionSettingsService } from './discussion-settings.service.js';
import { rulesJudge } from './reply-moderation.js';

/**
 * The moderation policy readers' replies go through: the discussion settings in force and a judge
 * bound to them: the bot signals (honeypot, form token), the spam filter when one is given (the
 * container does not give it yet: see issue 10's closing note) and the site's rules, combined so the
 * strongest verdict wins (and the filter's score is kept whoever wins).
 */
export function createReaderModeration(
  discussion: Pick<DiscussionSettingsService, 'current'>,
  spam?: Pick<SpamFilter, 'refresh' | 'judge'>,
): ReaderModeration {
  return {
    async forPost() {
      // The filter first reads what moderators on other nodes taught it since the last post.
      const [rules] = await Promise.all([discussion.current(), spam?.refresh()]);
      return { rules, judge: combineJudges([botJudge(), ...(spam ? [spam.judge] : []), rulesJudge(rules)]) };
    },
  };
}
