import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Container } from '../container.js';
import { cliActor } from '../modules/audit/index.js';
import { importGazette, importGazetteFile, type GazetteImportDeps } from '../modules/importers/index.js';
import { fail, withContainer } from './cli-context.js';
import { describeCounts, terminalProgress } from './export.command.js';

/** What reading a Gazette export needs, from the container (the CLI and the tests build it here). */
export function gazetteImportDeps(container: Container): GazetteImportDeps {
  return {
    db: container.storage.db,
    caps: container.storage.caps,
    events: container.events,
    articleWriter: container.articleWriter,
    replies: container.replies,
    accounts: container.accounts,
    discussion: container.discussion,
    embeds: container.embeds,
    actor: cliActor('gazette import gazette'),
  };
}

/**
 * `gazette import gazette FILE`: reads a `gazette export` file into an empty site, all or nothing.
 * Mounted under `gazette import` (src/cli/import.command.ts).
 */
export function importGazetteCommand(): Command {
  return new Command('gazette')
    .description(
      'Read a `gazette export` file into this site, which must be empty (no articles but the untouched demo article, no replies). One transaction: a bad line stops it with "line N: reason" and nothing is written. Members come without passwords: they set one by password reset. `-` reads standard input.',
    )
    .argument('<file>', 'the export file, or - for standard input')
    .option('--json', 'print the summary as one JSON object')
    .action(async (file: string, options: { json?: boolean }) => {
      const fromStdin = file === '-';
      const source = fromStdin ? '-' : resolve(file);
      if (!fromStdin && (!existsSync(source) || !statSync(source).isFile())) fail(`${source} is not a file.`);
      await withContainer(async (container) => {
        const deps = gazetteImportDeps(container);
        const progress = terminalProgress('read');
        let result;
        try {
          result = fromStdin
            ? await importGazette(deps, process.stdin, progress.report)
            : await importGazetteFile(deps, source, progress.report);
        } finally {
          progress.done();
        }
        const { counts, legacyKeysSkipped } = result;
        const skipped = legacyKeysSkipped > 0 ? ` (${legacyKeysSkipped} old links skipped: their rows were not in the file)` : '';
        console.log(
          options.json
            ? JSON.stringify({ imported: source, counts, legacyKeysSkipped })
            : `gazette: imported ${describeCounts(counts)} from ${source}${skipped}`,
        );
      });
    });
}
