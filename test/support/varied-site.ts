import type { Container } from '../../src/container.js';
import { saveLegacyKey } from '../../src/modules/importers/legacy-keys.queries.js';
import { makeUser } from './admin.js';
import { makeArticle, replyFields, sender, testModerator } from './factories.js';

/** The password every member gets here: an export must never carry it or its hash. */
export const variedSitePassword = 'correct horse battery staple 42';

/**
 * A site with a little of everything an export must carry, written through the writers: members
 * (one disabled), articles in every status (a sticky page, a scheduled story, a draft edited twice,
 * one in the trash), tags, threaded replies in every status with emails, addresses, a staff answer
 * and a reader's post with the machine's verdict, a changed discussion setting and old links.
 */
export async function buildVariedSite(container: Container): Promise<void> {
  const now = container.clock.now().getTime();
  const hour = 3_600_000;
  const editor = await makeUser(container, 'editor', 'Erin Editor');
  const admin = await makeUser(container, 'administrator', 'Ada Admin');
  const gone = await makeUser(container, 'author', 'Gus Gone');
  await container.accounts.setDisabled(gone.id, true, testModerator);

  const story = await makeArticle(container, {
    slug: 'harbour-reopens',
    headline: 'The harbour reopens',
    dek: 'After two years of works.',
    bodyMarkdown: 'The **harbour** is open again.\n\n- boats\n- ferries',
    // A tag at an address not made from its name (as a WordPress import keeps it).
    tags: ['Harbour', 'City Life', { slug: 'harbour-works-2019', name: 'Works' }],
    section: 'Local News',
    featuredImageUrl: 'https://old.example.org/wp-content/uploads/harbour.jpg',
    featuredAlt: 'Boats at the quay',
    createdAt: new Date(now - 48 * hour),
    updatedAt: new Date(now - 40 * hour),
    publishedAt: new Date(now - 40 * hour),
  });
  await makeArticle(container, {
    slug: 'about',
    headline: 'About us',
    kind: 'page',
    sticky: true,
    repliesOpen: false,
    section: 'Local News',
    tags: [],
  });
  await makeArticle(container, {
    slug: 'budget-vote',
    headline: 'The budget vote',
    status: 'scheduled',
    publishedAt: new Date(now + 24 * hour),
    author: { authorId: editor.authorId },
    tags: ['Politics'],
  });
  await makeArticle(container, { slug: 'old-news', headline: 'Old news', status: 'trash', tags: ['Harbour'] });
  const draftId = await container.articleWriter.create(
    {
      headline: 'A draft in progress',
      dek: '',
      slug: 'draft-in-progress',
      bodyMarkdown: 'First words.',
      section: 'Politics',
      tags: ['Politics'],
      status: 'draft',
      publishAt: null,
      repliesOpen: true,
      featuredMediaId: null,
      featuredAlt: '',
    },
    { id: editor.id, name: editor.name, authorId: editor.authorId },
  );
  await container.articleWriter.update(
    draftId,
    {
      headline: 'A draft, rewritten',
      dek: 'Now with a dek.',
      slug: 'draft-in-progress',
      bodyMarkdown: 'Second words, better ones.',
      section: 'Politics',
      tags: ['Politics', 'Budget'],
      status: 'draft',
      publishAt: null,
      repliesOpen: true,
      featuredMediaId: null,
      featuredAlt: '',
    },
    { id: admin.id, name: admin.name },
  );

  const base = { articleId: story.id, url: 'https://reader.example.org', ip: '192.0.2.7', userAgent: 'Old Browser/1.0' };
  const at = (h: number) => new Date(now - h * hour);
  const top = await container.replies.importReply({
    ...base,
    comment: 'A first thought.',
    author: 'Rita Reader',
    email: 'rita@example.org',
    status: 'approved',
    createdAt: at(30),
    legacyAnchor: 'comment-12',
  });
  const answer = await container.replies.importReply({
    ...base,
    parentId: top,
    comment: 'An answer to it.',
    author: 'Sam Second',
    email: 'sam@example.org',
    status: 'approved',
    createdAt: at(29),
  });
  await container.replies.importReply({
    ...base,
    parentId: answer,
    comment: 'Held for a look.',
    author: 'Hal',
    email: 'hal@example.org',
    status: 'held',
    createdAt: at(28),
    moderationReason: 'Checking a claim.',
  });
  await container.replies.importReply({
    ...base,
    comment: 'Buy cheap watches',
    author: 'Spammer',
    email: 'spam@example.com',
    status: 'spam',
    createdAt: at(27),
  });
  await container.replies.importReply({
    ...base,
    comment: 'Regretted words.',
    author: 'Tom',
    email: '',
    url: '',
    status: 'trash',
    createdAt: at(26),
    legacyAnchor: 'comment-15',
  });
  await container.replies.answerAsStaff(top, 'Thanks, Rita: we looked into it.', {
    id: editor.id,
    name: editor.name,
    email: editor.email,
    kind: 'user',
  });
  // A reader's reply through the form: the machine's verdict is kept for moderators.
  await container.replies.post(replyFields({ articleId: story.id, author: 'New Reader', email: 'new@example.org' }), sender());

  await container.discussion.update({ holdLinkCount: 4, holdWords: ['casino'], order: 'newest' }, testModerator);
  const db = container.storage.db;
  await saveLegacyKey(db, 'wp-post', '101', story.id, 'digest-101');
  await saveLegacyKey(db, 'wp-path', '/2024/05/harbour-reopens', story.id);
  await saveLegacyKey(db, 'wp-comment', '12', top, 'digest-c12');
  await saveLegacyKey(db, 'wp-author', 'erin', editor.authorId);
}
