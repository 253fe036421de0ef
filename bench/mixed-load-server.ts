// The mixed-load row of `npm run bench`: Gazette serving a site of 1,000 articles while a reply is
// approved on a random one 5 times a second, in the serving process as the newsroom would. The
// parent drives reads with wrk and asks over IPC for the page cache's hits and misses.
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { migrateToLatest } from '../src/storage/db.js';

const [dbFile, port, articleCount, approvalsPerSecond] = process.argv.slice(2) as [string, string, string, string];
const moderator = { kind: 'system', id: null, name: 'benchmark' } as const;
const config = loadConfig({ DATABASE_URL: dbFile, PORT: port, LOG_LEVEL: 'silent', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' });
const container = createContainer(config);
await migrateToLatest(container.storage);
await container.discussion.update({ floodIntervalSeconds: 0, autoApproveKnownAuthors: false }, moderator);

const ids: number[] = [];
const slugs: string[] = [];
const publishedAt = new Date(container.clock.now().getTime() - 86_400_000);
for (let i = 0; i < Number(articleCount); i++) {
  const id = await container.articleWriter.importArticle(
    {
      headline: `Mixed-load article ${i}`,
      dek: 'One of many, for the mixed-load benchmark.',
      bodyMarkdown: `Paragraph one of article ${i}.\n\nParagraph two, a little longer, as articles go.`,
      author: { name: `Writer ${i % 20}` },
      section: `Section ${i % 8}`,
      tags: [`Tag ${i % 50}`],
      status: 'published',
      publishedAt: new Date(publishedAt.getTime() + i * 1000),
    },
    { id: null, name: 'benchmark' },
  );
  ids.push(id);
  slugs.push((await container.articles.findById(id))!.slug);
}

const app = await buildApp(container, { logger: false });
await app.listen({ host: '127.0.0.1', port: Number(port) });
let approvals = 0;
let counter = 0;
let timer: NodeJS.Timeout | undefined;

/** A reply posted (held, as a first-time author's is) and approved: the event a moderator's click raises. */
async function approveOne(): Promise<void> {
  counter += 1;
  const articleId = ids[Math.floor(Math.random() * ids.length)]!;
  const reply = await container.replies.post(
    {
      articleId,
      comment: `Mixed-load reply ${counter}, approved by the benchmark.`,
      author: `Reader ${counter}`,
      email: `r${counter}@bench.example`,
      url: '',
    },
    {
      ip: `10.1.${counter % 250}.${(counter >> 8) % 250}`,
      userAgent: 'bench',
      botSignals: { honeypot: false, token: 'ok', secondsToFill: 60 },
      formNonce: null,
    },
  );
  await container.replies.changeReplyStatus([reply.id], 'approved', moderator);
  approvals += 1;
}

process.on('message', (message: string) => {
  if (message === 'start-approvals') {
    timer = setInterval(() => void approveOne(), 1000 / Number(approvalsPerSecond));
    process.send!({ started: true });
  } else if (message === 'stats') {
    process.send!({ stats: { ...app.pageCache.stats }, approvals });
  } else if (message === 'stop') {
    clearInterval(timer);
    void app
      .close()
      .then(() => container.close())
      .then(() => process.exit(0));
  }
});
process.send!({ ready: true, paths: slugs.map((s) => `/articles/${s}`) });
