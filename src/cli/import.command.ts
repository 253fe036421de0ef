import { Command } from 'commander';
import { terminalSafeJson, visibleControls } from '../lib/reader-text.js';
import { disqusFormat, runImport, wordpressFormat, type ExportFormat, type ImporterDeps } from '../modules/importers/index.js';
import type { Container } from '../container.js';
import { withContainer } from './cli-context.js';
import { importGazetteCommand } from './import-gazette.command.js';
import { progressLine, summaryText } from './import-progress.js';

/** What the importers need, from the container (the CLI, the import benchmark and the tests build it here). */
export function importerDeps(container: Container): ImporterDeps {
  return {
    db: container.storage.db,
    clock: container.clock,
    events: container.events,
    articles: container.articleWriter,
    replies: container.replies,
    accounts: container.accounts,
  };
}

/** One `gazette import <format> FILE` subcommand. */
function formatCommand(name: string, format: ExportFormat, description: string): Command {
  return new Command(name)
    .description(description)
    .argument('<file>', 'the export file (XML)')
    .option('--json', 'print the summary as one JSON object (for programs)')
    .action(async (file: string, options: { json?: boolean }) => {
      // Progress only where a person watches: a terminal on stderr, and not when a program reads JSON.
      const live = process.stderr.isTTY === true && !options.json;
      const summary = await withContainer((container) =>
        runImport(importerDeps(container), format, file, {
          onProgress: live ? (p) => process.stderr.write(`\r\x1b[2K${progressLine(p)}`) : undefined,
        }),
      );
      if (live) process.stderr.write('\n');
      // The summary quotes titles and names from the file: shown with control characters made visible.
      process.stdout.write(
        options.json ? `${terminalSafeJson(summary)}\n` : `${summaryText(summary).split('\n').map(visibleControls).join('\n')}\n`,
      );
    });
}

/** `gazette import wordpress|disqus|gazette FILE`: move a site in. */
export function importCommand(): Command {
  return new Command('import')
    .description('Move a site in: one transaction per file, re-runnable (a second run updates what changed and duplicates nothing).')
    .addCommand(
      formatCommand(
        'wordpress',
        wordpressFormat,
        'Import a WordPress export (Tools → Export, WXR 1.1/1.2): authors, posts, pages, categories, tags, comments, old links.',
      ),
    )
    .addCommand(
      formatCommand(
        'disqus',
        disqusFormat,
        'Import a Disqus export: its threads attach to the imported articles they were under, by old link.',
      ),
    )
    .addCommand(importGazetteCommand());
}
