// Draws every process of processes/ with bpmn-js, the library Camunda Modeler uses, in headless Chromium, as the
// README's pictures: src/docs/images/<process>.png. Run it after changing a model: npm run pictures
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installed, launchChromium } from './chromium.mjs';

const PROCESSES = new URL('../../../processes/', import.meta.url);
const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head>'
    + '<body style="margin:0;background:#fff"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>');
  await page.addStyleTag({ path: installed('bpmn-js/dist/assets/diagram-js.css') });
  await page.addStyleTag({ path: installed('bpmn-js/dist/assets/bpmn-js.css') });
  await page.addScriptTag({ path: installed('bpmn-js/dist/bpmn-viewer.production.min.js') });

  mkdirSync(IMAGES, { recursive: true });
  for (const file of readdirSync(PROCESSES).filter((f) => f.endsWith('.bpmn')).sort()) {
    const xml = readFileSync(new URL(file, PROCESSES), 'utf8');
    const box = await page.evaluate(async (xml) => {
      window.viewer?.destroy();
      window.viewer = new window.BpmnJS({ container: '#canvas' });
      const { warnings } = await window.viewer.importXML(xml);
      if (warnings.length) {
        throw new Error(warnings.map((w) => w.message).join('\n'));
      }
      const { inner } = window.viewer.get('canvas').viewbox();
      return { width: Math.ceil(inner.width) + 40, height: Math.ceil(inner.height) + 40 };
    }, xml);
    // The whole diagram at its own size (the drawing is 1:1), so labels stay readable.
    await page.setViewportSize(box);
    await page.evaluate(() => {
      const canvas = window.viewer.get('canvas');
      canvas.resized();
      canvas.zoom('fit-viewport', 'auto');
      canvas.zoom(1);
      const { inner } = canvas.viewbox();
      canvas.viewbox({ x: inner.x - 20, y: inner.y - 20, width: inner.width + 40, height: inner.height + 40 });
    });
    const target = `${IMAGES}${file.replace(/\.bpmn$/, '.png')}`;
    await page.screenshot({ path: target, fullPage: false });
    console.log(`${file} → ${target} (${box.width}×${box.height})`);
  }
} finally {
  await browser.close();
}
