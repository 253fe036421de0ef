import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { exportSite, exportSiteToFile, type ExportCounts } from '../modules/importers/index.js';
import { fail, withContainer } from './cli-context.js';

/** Counts as the summary line says them: `3 members, 12 articles, ...`. */
export function describeCounts(counts: ExportCounts): string {
  return Object.entries(counts)
    .map(([kind, n]) => `${n} ${kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`)
    .join(', ');
}

/**
 * A progress line on the terminal, rewritten in place, when a person is watching (standard output
 * is a terminal); nothing when a program reads the output. Returns the reporter and how to clear it.
 */
export function terminalProgress(verb: string): { report?: (counts: ExportCounts) => void; done(): void } {
  if (!process.stdout.isTTY) return { done() {} };
  let shown = false;
  return {
    report(counts) {
      shown = true;
      process.stderr.write(`\r\x1b[2Kgazette: ${verb} ${describeCounts(counts)}…`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

/** `gazette export FILE`: the whole site as portable JSON Lines, for moving it or keeping it. */
export function exportCommand(): Command {
  return new Command('export')
    .description(
      'Write the whole site to FILE as Gazette JSON Lines (settings, bylines, sections, tags, members without passwords, articles with their revisions, replies, old-link map), streaming. Portable across SQLite and PostgreSQL and across versions; read back with `gazette import gazette FILE`. Not included: passwords, sessions, the site secret, uploaded images, the audit trail. `-` writes to standard output.',
    )
    .argument('<file>', 'where to write the export (must not exist yet), or - for standard output')
    .option('--json', 'print the summary as one JSON object')
    .action(async (file: string, options: { json?: boolean }) => {
      const toStdout = file === '-';
      const target = toStdout ? '-' : resolve(file);
      // Never overwrite: the last good export is worth more than a typo.
      if (!toStdout && existsSync(target)) fail(`${target} already exists; choose a new file name.`);
      await withContainer(async (container) => {
        const deps = {
          db: container.storage.db,
          clock: container.clock,
          // The newsroom's title (site settings), which may differ from SITE_TITLE.
          site: { title: (await container.site.current()).title, url: container.config.siteUrl },
          emails: await container.replies.commenterEmails(),
        };
        let counts: ExportCounts;
        if (toStdout) {
          // A closed pipe (`| head`) fails the export with a message instead of an unhandled error.
          process.stdout.on('error', () => {});
          counts = await exportSite(deps, process.stdout);
        } else {
          const progress = terminalProgress('exported');
          try {
            counts = await exportSiteToFile(deps, target, progress.report);
          } finally {
            progress.done();
          }
        }
        // With the export on standard output, the summary goes to standard error.
        const say = toStdout ? (line: string) => console.error(line) : (line: string) => console.log(line);
        say(options.json ? JSON.stringify({ exported: target, counts }) : `gazette: exported ${describeCounts(counts)} to ${target}`);
      });
    });
}
