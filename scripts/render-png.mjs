// Draws ABC files as abcjs draws them in the preview, in headless Chromium, and saves each as a PNG beside it.
// usage: node scripts/render-png.mjs FILE.abc [FILE.abc ...]   (CHROMIUM_PATH overrides /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const abcjs = readFileSync(require.resolve('abcjs/dist/abcjs-basic-min.js'), 'utf8');
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/render-png.mjs FILE.abc [FILE.abc ...]');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 }, deviceScaleFactor: 1.5 });
  for (const file of files) {
    await page.setContent('<html><body style="margin:0;background:#fff"><div id="score"></div></body></html>');
    await page.addScriptTag({ content: abcjs });
    const warnings = await page.evaluate((text) => {
      const [tune] = window.ABCJS.renderAbc('score', text, { staffwidth: 1000, add_classes: true });
      return tune?.warnings ?? [];
    }, readFileSync(file, 'utf8'));
    const out = file.replace(/\.abc$/, '') + '.png';
    await page.locator('#score').screenshot({ path: out });
    console.log(`${out}${warnings.length ? `  (${warnings.length} abcjs warnings: ${warnings.slice(0, 3).join(' | ')})` : ''}`);
  }
} finally {
  await browser.close();
}
