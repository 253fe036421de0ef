import type { ReaderModeration } from '../replies/index.js';
import { botJudge, combineJudges } from './bot-judge.js';
import type { DiscussionSettingsService } from './discussion-settings.service.js';
import { rulesJudge } from './reply-moderation.js';

/**
 * The moderation policy readers' replies go through: the discussion settings in force and a judge
 * bound to them: the bot signals (honeypot, form token) and the site's rules, combined so the
 * strongest verdict wins. The spam filter (issue 10) joins the list as another `ReplyJudge`, and
 * nothing in the reply writer changes.
 */
export function createReaderModeration(discussion: Pick<DiscussionSettingsService, 'current'>): ReaderModeration {
  return {
    async forPost() {
      const rules = await discussion.current();
      return { rules, judge: combineJudges([botJudge(), rulesJudge(rules)]) };
    },
  };
}
