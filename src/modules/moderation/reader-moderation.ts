import type { ReaderModeration } from '../replies/index.js';
import type { DiscussionSettingsService } from './discussion-settings.service.js';
import { rulesJudge } from './reply-moderation.js';

/**
 * The moderation policy readers' replies go through: the discussion settings in force and a judge
 * bound to them. Today the judge is the site's rules; the spam filter (issue 10) will be another
 * `ReplyJudge`, combined here, and nothing in the reply writer changes.
 */
export function createReaderModeration(discussion: Pick<DiscussionSettingsService, 'current'>): ReaderModeration {
  return {
    async forPost() {
      const rules = await discussion.current();
      return { rules, judge: rulesJudge(rules) };
    },
  };
}
