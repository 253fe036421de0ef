import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Invalid, InvalidFields } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import type { MediaService } from '../media/index.js';
import { readSetting, writeSetting } from './settings.queries.js';
import { checkSiteSettings, normaliseSiteSettings, type SiteSettings } from './site-settings.js';

/** The settings key the site's identity is stored under, and the `settings.changed` event's key. */
export const SITE_SETTINGS_KEY = 'site';

/** A picture sent with the settings form, stored through the media pipeline before the save. */
export interface SiteImageUpload {
  bytes: Buffer;
  filename: string;
}

/**
 * The site's identity and frame: read by every page, changed through one writer (the settings page,
 * tests, an import to come) that checks, saves and audits in one transaction and announces
 * `settings.changed` after the commit, which every node's page cache and this service's copy hear.
 */
export interface SiteSettingsService {
  /** The settings in force (kept in memory until a change on any node is announced). */
  current(): Promise<SiteSettings>;
  /**
   * Changes the given settings (the rest stay), storing `images` first through the media pipeline.
   * Refuses every bad field at once (`InvalidFields`, each naming its field).
   */
  update(
    changes: Partial<SiteSettings>,
    actor: AuditActor,
    images?: { logo?: SiteImageUpload; favicon?: SiteImageUpload },
  ): Promise<SiteSettings>;
}

/** What the site settings need. */
export interface SiteSettingsDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: DomainEvents;
  media: Pick<MediaService, 'upload' | 'find'>;
  /** The settings before any save: the environment's values (SITE_TITLE) where there are some. */
  defaults: SiteSettings;
}

/** The site settings over the `settings` table. */
export function createSiteSettingsService(deps: SiteSettingsDeps): SiteSettingsService {
  const { db, clock, events, media, defaults } = deps;
  let cached: Promise<SiteSettings> | undefined;
  // A read that started before a change was announced must not put the old value back.
  let generation = 0;
  events.subscribe((event) => {
    if (event.type === 'settings.changed' || event.type === 'site.imported' || event.type === 'changes.unseen') {
      generation += 1;
      cached = undefined;
    }
  });
  const read = (executor: Kysely<Database> | Transaction<Database>) =>
    readSetting<Partial<SiteSettings>>(executor, SITE_SETTINGS_KEY).then((stored) => normaliseSiteSettings(stored, defaults));

  async function storeImage(field: 'logoMediaId' | 'faviconMediaId', upload: SiteImageUpload, actor: AuditActor): Promise<number> {
    try {
      return (await media.upload(upload.bytes, upload.filename, actor.id)).id;
    } catch (error) {
      // The media pipeline names its own field (`image`); the form's is the logo's or the favicon's.
      if (error instanceof Invalid) throw new InvalidFields([{ field, message: error.message }]);
      throw error;
    }
  }

  return {
    current() {
      if (cached) return cached;
      const started = generation;
      const loading = read(db);
      loading.then(
        () => {
          if (started !== generation && cached === loading) cached = undefined;
        },
        () => {
          if (cached === loading) cached = undefined;
        },
      );
      cached = loading;
      return loading;
    },

    async update(changes, actor, images = {}) {
      const { value, problems } = checkSiteSettings(changes);
      for (const field of ['logoMediaId', 'faviconMediaId'] as const) {
        const id = value[field];
        if (typeof id === 'number' && !(await media.find(id)))
          problems.push({ field, message: 'That image is no longer stored; upload it again.' });
      }
      if (problems.length > 0) throw new InvalidFields(problems);
      if (images.logo) value.logoMediaId = await storeImage('logoMediaId', images.logo, actor);
      if (images.favicon) value.faviconMediaId = await storeImage('faviconMediaId', images.favicon, actor);
      const saved = await db.transaction().execute(async (trx) => {
        const before = await read(trx);
        const after: SiteSettings = { ...before, ...value };
        await writeSetting(trx, SITE_SETTINGS_KEY, after);
        const changed = (Object.keys(after) as (keyof SiteSettings)[]).filter(
          (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
        );
        if (changed.length > 0) {
          await recordAudit(trx, {
            actor,
            action: 'settings.site',
            subject: { type: 'settings', id: 0 },
            before: Object.fromEntries(changed.map((k) => [k, before[k]])),
            after: Object.fromEntries(changed.map((k) => [k, after[k]])),
            at: clock.now(),
          });
        }
        return after;
      });
      // After the commit: this node's copy and every node's page cache are dropped (the relay carries it).
      events.publish({ type: 'settings.changed', key: SITE_SETTINGS_KEY });
      return saved;
    },
  };
}
