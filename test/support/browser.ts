import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's package (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export const chromiumPath = (): string | undefined =>
  CANDIDATES.find((path): path is string => !!path && existsSync(path));

/**
 * Headless Chromium, or null (with a visible notice) when it is not installed. Under CI the
 * browser specs must fail loudly; on a laptop without Chromium they are skipped visibly.
 */
export async function chromiumOrSkip(what: string): Promise<Browser | null> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    const notice = `Chromium is not installed (apt-get install chromium): ${what} is SKIPPED.`;
    if (process.env.CI === 'true') throw new Error(notice);
    console.warn(`⚠️  ${notice}`);
    return null;
  }
  // --no-sandbox: CI and containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}
