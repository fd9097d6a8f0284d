import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Where every run writes its screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, '../../.local/screenshots');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

// without the background-networking flags Chromium keeps calling home, which floods a closed network
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's chromium (installed by scripts/infra/install.sh), headless, with a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'panel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: DESKTOP,
    acceptDownloads: true,
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The page at desktop width and at 375 px, as <name>-desktop.png and <name>-375.png. */
export async function screenshotBothWidths(
  page: Page,
  name: string,
  { fullPage = true } = {},
): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['375', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    const file = join(SCREENSHOT_DIR, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage });
    files.push(file);
  }
  await page.setViewportSize(DESKTOP);
  return files;
}

/** A JavaScript expression evaluated in the page (strings: the tests compile without the DOM's types). */
export const inPage = <T>(page: Page, expression: string): Promise<T> =>
  page.evaluate<T>(expression);

/** How far the page is wider than the window: 0 when nothing forces a horizontal scroll. */
export const horizontalOverflow = (page: Page): Promise<number> =>
  inPage(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = (): string => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, which the page's CSP does not govern
  await page.evaluate(axeSource());
  const violations = await inPage<AxeViolation[]>(
    page,
    'axe.run(document).then((result) => result.violations)',
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
