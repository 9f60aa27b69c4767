/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core, headless,
 * with a fresh profile and the flags that stop Chromium's own background traffic (so any request
 * recorded is the page's). Every request the page or its workers make is recorded.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_FLAGS = [
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
  readonly page: Page;
  /** Every URL requested by the page and its workers, in order. */
  readonly requests: string[];
  /** Console errors and uncaught page errors, to show when a test fails. */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'loupe-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
    timeout: 30_000,
    viewport: { width: 1400, height: 1000 },
    // Exports are downloads the analyst triggers; the tests read them.
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    requests,
    errors,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Requests that left the page: anything not to the app's own origin, `blob:` or `data:`; for a
 * page opened from file://, anything but the page itself. (Loupe must work air-gapped; a request
 * elsewhere is a bug even when it would fail offline.)
 */
export function foreignRequests(requests: readonly string[], appUrl: string): string[] {
  return requests.filter((u) => {
    if (u.startsWith('blob:') || u.startsWith('data:')) return false;
    if (appUrl.startsWith('file:')) return u !== appUrl;
    return new URL(u).origin !== new URL(appUrl).origin;
  });
}
