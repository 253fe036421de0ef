import type { Config } from './config.js';
import { systemClock, type Clock } from './lib/clock.js';
import { DomainEvents } from './lib/events.js';
import { createArticlesService, type ArticlesService } from './modules/articles/index.js';
import { createRepliesService, type RepliesService } from './modules/replies/index.js';
import { createSettingsService, type SettingsService } from './modules/settings/index.js';
import { createStorage, type Storage } from './storage/db.js';

/** Everything the web app and the CLI use, wired once. */
export interface Container {
  readonly config: Config;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly events: DomainEvents;
  readonly settings: SettingsService;
  readonly articles: ArticlesService;
  readonly replies: RepliesService;
  close(): Promise<void>;
}

/** Options tests use to swap the clock or hand in an already-open database. */
export interface ContainerOptions {
  clock?: Clock;
  storage?: Storage;
}

/** The composition root: explicit wiring, no framework, no hidden singletons. */
export function createContainer(config: Config, options: ContainerOptions = {}): Container {
  const storage = options.storage ?? createStorage(config.database);
  const clock = options.clock ?? systemClock;
  const events = new DomainEvents();
  const settings = createSettingsService(storage.db);
  const articles = createArticlesService(storage.db, clock, events);
  const replies = createRepliesService({ db: storage.db, clock, settings, articles, events });
  return {
    config,
    storage,
    clock,
    events,
    settings,
    articles,
    replies,
    close: () => storage.close(),
  };
}
