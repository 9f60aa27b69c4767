/**
 * The set-up most browser test files share: build the hosted app if needed, serve it on
 * 127.0.0.1, open Chromium, and close both after the file's tests. Call at the top level of a
 * test file; the handles can be read once the file's beforeAll has run.
 */
import { afterAll, beforeAll } from 'vitest';
import { openBrowser, type Browser } from './chromium.ts';
import { ensureBuilt, serveSite } from './site.ts';

export interface HostedApp {
  readonly browser: Browser;
  readonly site: { readonly url: string; close(): Promise<void> };
}

export function useHostedApp(): HostedApp {
  let browser: Browser | undefined;
  let site: HostedApp['site'] | undefined;
  beforeAll(async () => {
    ensureBuilt();
    site = await serveSite();
    browser = await openBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined)
      throw new Error(
        'useHostedApp: the browser and the site are ready only inside tests and hooks',
      );
    return x;
  };
  return {
    get browser() {
      return ready(browser);
    },
    get site() {
      return ready(site);
    },
  };
}
