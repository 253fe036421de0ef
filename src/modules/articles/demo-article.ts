import type { ArticleInput } from './articles.js';

/**
 * The article a new Gazette site opens with, so a fresh install shows a real page with a real reply
 * form. The facts come from PRODUCT.md; the sentences are our own.
 */
export const demoArticle: ArticleInput = {
  headline: 'South Korea and U.S. to hold two-plus-two talks as North Korea–Russia military ties deepen',
  dek: 'Foreign and defense ministers from Seoul and Washington meet Thursday, days after reports that North Korean troops were sent to Russia.',
  slug: 'south-korea-us-two-plus-two-talks',
  author: { name: 'Gazette World Desk', bio: 'Reporting on diplomacy and security from the Gazette newsroom.' },
  section: 'World',
  tags: ['North Korea', 'Russia', 'South Korea', 'United States', 'Diplomacy'],
  status: 'published',
  publishedAt: new Date('2024-10-28T09:00:00Z'),
  // Written and last changed on its own date, so the newsroom's lists date it 2024-10-28, not the
  // moment a new site seeded it (issue 11, item 10).
  createdAt: new Date('2024-10-28T09:00:00Z'),
  updatedAt: new Date('2024-10-28T09:00:00Z'),
  repliesOpen: true,
  bodyMarkdown: `South Korea’s top diplomat and its defense chief will sit down with their American counterparts in Washington on Thursday, in a joint meeting of foreign and defense ministers known as the “two-plus-two” format. Seoul’s Ministry of Foreign Affairs confirmed the talks on Monday.

The meeting comes at a tense moment for the region. Over the past weeks, reports have said that North Korea has sent thousands of its soldiers to Russia, where they may be prepared for the war in Ukraine. Both Seoul and Washington have since confirmed that North Korean military personnel are present in eastern Russia, and the United States has condemned the deployment.

## Who will be at the table

South Korea will be represented by Foreign Minister Cho Tae-yul and Defense Minister Kim Yong-hyun. Across from them will sit Secretary of State Antony Blinken and Defense Secretary Lloyd Austin.

Putting both pairs of ministers in one room is a deliberate choice. It lets the two governments discuss diplomacy and military planning as a single question rather than in separate channels, which officials on both sides have argued is necessary when a security problem moves as quickly as this one has.

## What is on the agenda

According to the ministry, the ministers are expected to cover a broad list of subjects:

- security on the Korean Peninsula;
- the state of the bilateral alliance;
- the wider Indo-Pacific region;
- cooperation with other partners and allies;
- global security threats.

High on that list is the question of how to deter further provocations from Pyongyang. North Korea’s deepening military relationship with Moscow has added a new dimension to an old concern: officials in Seoul worry about what Pyongyang might receive in return for its soldiers, whether technology, weapons know-how or hard currency.

In a statement announcing the meeting, the foreign ministry framed the talks as serving two purposes at once:

> The two-plus-two meeting gives Seoul and Washington an opportunity to make their alliance stronger while they work together on the pressing security questions facing the region.
>
> — South Korea’s Ministry of Foreign Affairs

## Why it matters

The alliance between South Korea and the United States has long been the backbone of deterrence on the peninsula. A visible, high-level meeting at this moment sends a message to Pyongyang and to Moscow that the two allies intend to respond together.

It also gives both governments a chance to compare what they know. Intelligence on the movement of North Korean forces has come out in pieces, and ministers are likely to use the session to align their assessments and to discuss what options they have if the deployment grows.

Analysts will watch for any joint statement that follows the meeting, and especially for language on the troops in Russia, on extended deterrence and on coordination with other partners in the region. Whatever the wording, the fact that both ministers from each side are travelling to the same table shows how seriously Seoul and Washington are taking the turn in relations between North Korea and Russia.

*This is Gazette’s demo article. Edit or remove it once your newsroom publishes its own stories.*
`,
};
