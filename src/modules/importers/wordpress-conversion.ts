import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { Invalid } from '../../lib/errors.js';
import { projectRoot } from '../../lib/project-root.js';
import type { WordpressContent } from './wordpress-content.js';

/** The conversion thread's young generation, in MB. */
const CONVERTER_YOUNG_GENERATION_MB = 8;

/** Converts WordPress post bodies to Markdown off the main thread, a batch per task. */
export interface WordpressConverter {
  /** Each body's Markdown (with its unknown shortcodes), or the Invalid that refuses it; in order. */
  convertMany(htmls: readonly string[], siteUrl: string): Promise<(WordpressContent | Invalid)[]>;
  close(): Promise<void>;
}

/**
 * One worker thread for one import (wordpress-convert.worker.js). One is enough: the main thread,
 * which reads the file and writes every row, stays the slower side, and each thread costs memory.
 * The thread loads the conversion module beside this file: compiled JavaScript when this runs
 * compiled, the TypeScript source (through tsx) when tests run from sources.
 */
export function createWordpressConverter(): WordpressConverter {
  const fromSources = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: pathToFileURL(join(projectRoot(import.meta.url), 'src', 'modules', 'importers', 'wordpress-convert.worker.js')).href,
    workerData: { converterUrl: new URL(`./wordpress-content.${fromSources ? 'ts' : 'js'}`, import.meta.url).href },
    minThreads: 1,
    maxThreads: 1,
    // A post whose HTML makes the DOM huge ends this thread (and the import, with its message), not the process.
    // A small young generation: each batch's DOMs are garbage once converted, and V8's default
    // (up to 48 MB) let this thread's heap reach 50 MB for 20 MB of live objects (issue 9, memory).
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: CONVERTER_YOUNG_GENERATION_MB },
  });
  return {
    async convertMany(htmls, siteUrl) {
      const answers = (await pool.run({ htmls, siteUrl })) as (WordpressContent | { refused: string })[];
      return answers.map((a) => ('refused' in a ? new Invalid(a.refused) : a));
    },
    close: () => pool.destroy(),
  };
}
