import type { Container } from '../../src/container.js';
import { makeArticle } from '../../test/support/factories.js';
import { drawPicture, giveFeaturedImage } from '../../test/support/pictures.js';

/** A story of the fixed set: `picture` is a palette of drawPicture, or absent for a story without one. */
interface FrontStory {
  headline: string;
  dek: string;
  section: string;
  author: string;
  picture?: number;
}

/**
 * Invented stories (fixed inputs, so the screenshots only change when the pages do), newest
 * first, mixing sections and stories with and without a picture as a real day's news does.
 */
const stories: FrontStory[] = [
  {
    headline: 'Coastal towns count the cost as the storm moves north',
    dek: 'Harbour walls held in most places, but three villages remain cut off and ferries will not sail before Friday.',
    section: 'World',
    author: 'Mira Lindqvist',
    picture: 0,
  },
  {
    headline: 'Central bank holds rates and signals a cut in spring',
    dek: 'Inflation has fallen for five months in a row; the governor said the board wants one more quarter of evidence.',
    section: 'Business',
    author: 'Tomás Herrera',
    picture: 1,
  },
  {
    headline: 'Talks on the river treaty resume after a two-year pause',
    dek: 'Negotiators from four countries meet in Vienna to share out water that a drier decade has made scarce.',
    section: 'World',
    author: 'Amara Okafor',
  },
  {
    headline: 'A telescope in the desert sees its first light',
    dek: 'Engineers spent nine years building the mirror; its first picture shows a galaxy 40 million light years away.',
    section: 'Science',
    author: 'Jun Watanabe',
    picture: 3,
  },
  {
    headline: 'Night trains return to the northern line',
    dek: 'Sleeper carriages run again between the capital and the border for the first time since 2009.',
    section: 'World',
    author: 'Mira Lindqvist',
    picture: 2,
  },
  {
    headline: 'Grain prices ease as the harvest beats forecasts',
    dek: 'Wheat fell for a third week.',
    section: 'Business',
    author: 'Tomás Herrera',
    picture: 5,
  },
  {
    headline: 'Museum returns carved panels to the island they came from',
    dek: 'The panels left in 1898; the museum says it should never have kept them.',
    section: 'Culture',
    author: 'Léa Fontaine',
    picture: 4,
  },
  {
    headline: 'Border crossing reopens to freight lorries',
    dek: 'Queues of up to 20 kilometres are expected to clear by the weekend.',
    section: 'World',
    author: 'Amara Okafor',
  },
];

/** Publishes the stories, one an hour back from the site's clock, pictures through the newsroom's upload path. */
export async function publishFrontStories(container: Container, now: Date): Promise<void> {
  for (const [i, s] of stories.entries()) {
    const article = await makeArticle(container, {
      headline: s.headline,
      dek: s.dek,
      bodyMarkdown: `${s.dek}\n\nThe rest of the story is not needed for the front page.`,
      section: s.section,
      tags: [s.section],
      author: { name: s.author },
      publishedAt: new Date(now.getTime() - (i + 1) * 3_600_000),
    });
    if (s.picture !== undefined) {
      await giveFeaturedImage(container, article.id, await drawPicture(s.picture), `Illustration: ${s.headline.toLowerCase()}`);
    }
  }
}
