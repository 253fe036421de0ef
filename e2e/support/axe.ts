import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle; injected into the page under test. */
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One rule axe found broken, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/**
 * Runs axe-core on the page as it is now and returns every violation, printing them for the
 * record. The site's CSP (`script-src 'self'`) refuses an injected script, so the page's browser
 * context must be made with `bypassCSP: true`.
 */
export async function runAxe(page: Page, label: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    type AxeResult = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        helpUrl: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 200), summary: n.failureSummary ?? '' })),
    }));
  });
  const lines = violations.flatMap((v) => [
    `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.map((n) => `      ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`),
  ]);
  console.log(`axe on ${label}: ${violations.length === 0 ? 'no violations' : `${violations.length} violation(s)\n${lines.join('\n')}`}`);
  return violations;
}

/** The violations a release must not ship: impact "serious" or "critical". */
export function seriousOnes(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
