// Accessibility checks for the end-to-end tests, with axe-core.
//
// axe-core's source is evaluated in the page through the DevTools protocol (page.evaluate /
// frame.evaluate), not added as a <script> element: a Content-Security-Policy without
// 'unsafe-inline' / 'unsafe-eval' blocks page.addScriptTag({ content }), but does not apply
// to what DevTools evaluates, and axe.run itself needs no eval. accessibility.e2e.ts checks
// this against a page served with a strict CSP.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/** The WCAG 2.0, 2.1 and 2.2 level A and AA rules (axe-core's tags for them). */
export const WCAG_A_AA_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Impacts that fail a check; 'minor' and 'moderate' violations are reported but do not fail. */
export const FAILING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];

/** How many target selectors of each rule's nodes a failure message shows. */
const MAX_TARGETS = 5;

let axeSource: string | undefined;

/** axe-core's minified browser build, read once from node_modules. */
export function axeCoreSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

declare global {
  interface Window {
    axe?: typeof import('axe-core');
  }
}

/** Evaluates axe-core in `frame` unless it is already there (it is lost on navigation). */
async function injectInto(frame: Frame): Promise<void> {
  if (await frame.evaluate(() => typeof window.axe?.run === 'function')) return;
  // A string is evaluated as a script (an expression), through DevTools: CSP does not apply.
  await frame.evaluate(axeCoreSource());
  if (!(await frame.evaluate(() => typeof window.axe?.run === 'function'))) {
    throw new Error(`axe-core did not load in ${frame.url()}.`);
  }
}

/** Makes axe-core available in the page and each of its frames (axe.run reaches into frames that have it). */
export async function injectAxe(page: Page): Promise<void> {
  await injectInto(page.mainFrame());
  for (const frame of page.mainFrame().childFrames()) {
    // A frame that went away or refuses evaluation is skipped: axe reports what it cannot reach.
    await injectInto(frame).catch(() => undefined);
  }
}

/** Runs axe-core on the whole document with the WCAG 2.x A/AA rules; returns its violations only. */
export async function runAxe(page: Page): Promise<AxeResults> {
  await injectAxe(page);
  const options: RunOptions = {
    runOnly: { type: 'tag', values: [...WCAG_A_AA_TAGS] },
    resultTypes: ['violations'],
  };
  return page.evaluate((runOptions) => window.axe!.run(document, runOptions), options);
}

/** The violations among `violations` that fail a check (impact serious or critical). */
export function seriousViolations(violations: Result[]): Result[] {
  return violations.filter((violation) => FAILING_IMPACTS.includes(violation.impact ?? null));
}

/** One readable line per violation, with the first few targets of its nodes. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const targets = violation.nodes
        .slice(0, MAX_TARGETS)
        .map((node) => `    - ${node.target.map(String).join(' >>> ')}`);
      const more =
        violation.nodes.length > MAX_TARGETS ? [`    … and ${violation.nodes.length - MAX_TARGETS} more`] : [];
      const nodes = `${violation.nodes.length} node${violation.nodes.length === 1 ? '' : 's'}`;
      return [
        `  [${violation.impact ?? 'no impact'}] ${violation.id}: ${violation.help} (${nodes})`,
        `    ${violation.helpUrl}`,
        ...targets,
        ...more,
      ].join('\n');
    })
    .join('\n');
}

/**
 * Checks the page with axe-core (WCAG 2.x A and AA rules) and throws, listing them, if any
 * violation is serious or critical. `context` names what was checked, for the message.
 */
export async function expectNoSeriousA11yViolations(page: Page, context?: string): Promise<void> {
  const { violations } = await runAxe(page);
  const failing = seriousViolations(violations);
  if (failing.length === 0) return;
  const where = context ? `${context} (${page.url()})` : page.url();
  throw new Error(
    `${failing.length} serious or critical accessibility violation${failing.length === 1 ? '' : 's'} in ${where}:\n` +
      formatViolations(failing),
  );
}
