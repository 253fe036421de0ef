import type { ImportProgress, ImportSummary } from '../modules/importers/index.js';

/** A progress line for a terminal: how far through the file, items so far, rate and time left. */
export function progressLine(p: ImportProgress): string {
  const fraction = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  const seconds = p.elapsedMs / 1000;
  const items = p.articles + p.replies;
  const rate = seconds > 0 ? Math.round(items / seconds) : 0;
  const left = fraction > 0.01 ? Math.max(0, Math.round(seconds / fraction - seconds)) : undefined;
  return [
    `${(fraction * 100).toFixed(1).padStart(5)}%`,
    `${p.articles.toLocaleString('en-US')} articles`,
    `${p.replies.toLocaleString('en-US')} replies`,
    `${rate.toLocaleString('en-US')} items/s`,
    left === undefined ? 'time left: estimating' : `time left: ${formatDuration(left)}`,
  ].join(' · ');
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function counts(record: Partial<Record<string, number>>): string {
  const parts = Object.entries(record).map(([kind, n]) => `${(n ?? 0).toLocaleString('en-US')} ${kind}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** The summary for a person: what arrived, what a second run updated or left alone, and what was left out or adjusted, and why. */
export function summaryText(s: ImportSummary): string {
  const lines = [
    `Imported from ${s.source} (${s.file}) in ${s.seconds} s.`,
    `  imported:  ${counts(s.imported)}`,
    `  updated:   ${counts(s.updated)}`,
    `  unchanged: ${counts(s.unchanged)}`,
  ];
  const section = (title: string, reasons: ImportSummary['skipped']) => {
    if (reasons.length === 0) return;
    lines.push(`  ${title}:`);
    for (const r of reasons) lines.push(`    ${r.count.toLocaleString('en-US')} × ${r.reason} (e.g. ${r.examples.join('; ')})`);
  };
  section('kept with a change', s.adjusted);
  section('skipped', s.skipped);
  return lines.join('\n');
}
