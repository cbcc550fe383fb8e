// Debian's Chromium, headless, for the form and picture scripts (playwright-core drives it; it downloads no browser).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** A file of an installed package, whatever the package exports (the UMD bundles and styles the pages load). */
export const installed = (file) => fileURLToPath(new URL(`node_modules/${file}`, import.meta.url));

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}. Install it with: sudo apt-get install chromium chromium-driver `
      + '(or point CHROMIUM at a Chromium or Chrome binary).');
    process.exit(2);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // A closed network: no background connections, no component updates.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  });
}
