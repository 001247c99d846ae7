import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's chromium (apt-get install chromium), driven by playwright-core.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Screens are photographed on every run; `npm run screenshots` writes them to docs/screenshots.
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ? resolve(process.env.SCREENSHOT_DIR) : join(tmpdir(), 'console-screenshots');

export interface Browser {
  context: BrowserContext;
  /** Content-Security-Policy violations and page errors seen so far. */
  problems: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** One browser with a fresh profile (its own --user-data-dir), 1280x800. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    problems,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every visible form control and button has an accessible name (label, aria-label or text). */
export async function unnamedControls(page: Page): Promise<string[]> {
  // A string, so this Node-side code needs no DOM types.
  return page.evaluate<string[]>(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, input, select, textarea, a[href]')) {
      if (el.offsetParent === null && el.type !== 'file') continue;
      const named =
        (el.getAttribute('aria-label') ?? '').trim() !== '' ||
        (el.getAttribute('aria-labelledby') ?? '') !== '' ||
        (el.labels?.length ?? 0) > 0 ||
        ((el.tagName === 'BUTTON' || el.tagName === 'A') && (el.textContent ?? '').trim() !== '');
      if (!named) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  })()`);
}
