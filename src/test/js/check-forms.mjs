// Renders every form of forms/ with @bpmn-io/form-js, the library Tasklist and Modeler use, in headless Chromium.
// A form that would not render, that renders with warnings, that needs a newer form-js than Tasklist's, or whose
// labelled fields do not show, fails the check. Screenshots of every form go to target/forms/.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installed, launchChromium } from './chromium.mjs';

const FORMS = new URL('../../../forms/', import.meta.url);
const SHOTS = fileURLToPath(new URL('../../../target/forms/', import.meta.url));

// Camunda 7.24's Tasklist renders forms up to this schema version (its bundled form-js); ours is pinned to match.
const TASKLIST_SCHEMA_VERSION = 16;

/** Labels a person must see without entering anything: not behind a condition, not inside a repeated list. */
function visibleLabels(components, hidden = false) {
  return (components || []).flatMap((c) => {
    const behind = hidden || Boolean(c.conditional) || c.type === 'dynamiclist';
    const own = !behind && c.label && c.type !== 'group' ? [c.label] : [];
    return own.concat(visibleLabels(c.components, behind));
  });
}

async function render(page, schema) {
  return page.evaluate(async (schema) => {
    const container = document.getElementById('form');
    container.innerHTML = '';
    const form = new window.FormViewer.Form({ container });
    try {
      const { warnings } = await form.importSchema(schema, {});
      return {
        warnings: warnings.map((w) => String(w.message || w)),
        viewerSchemaVersion: window.FormViewer.schemaVersion,
        fields: container.querySelectorAll('.fjs-form-field').length,
        // What each label shows, without the asterisk of a required field.
        labels: [...container.querySelectorAll('.fjs-form-field-label, .fjs-form-field-grouplist legend')]
          .map((label) => label.textContent.replace(/\*\s*$/, '').trim())
      };
    } catch (error) {
      return { error: String(error.message || error), warnings: (error.warnings || []).map((w) => String(w.message || w)) };
    }
  }, schema);
}

function problemsOf(schema, result) {
  const problems = [];
  if (result.error) {
    return [`does not render: ${result.error}`];
  }
  result.warnings.forEach((w) => problems.push(`renders with a warning: ${w}`));
  if (schema.schemaVersion > TASKLIST_SCHEMA_VERSION) {
    problems.push(`schemaVersion ${schema.schemaVersion} is newer than Tasklist's ${TASKLIST_SCHEMA_VERSION}`);
  }
  if (result.fields === 0) {
    problems.push('renders no field');
  }
  const shown = new Set(result.labels);
  visibleLabels(schema.components).filter((label) => !shown.has(label.trim()))
    .forEach((label) => problems.push(`field "${label}" is not shown`));
  return problems;
}

const browser = await launchChromium();
let failed = 0;
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="form"></div></body></html>');
  await page.addStyleTag({ path: installed('@bpmn-io/form-js/dist/assets/form-js.css') });
  await page.addScriptTag({ path: installed('@bpmn-io/form-js/dist/form-viewer.umd.js') });

  const viewer = await page.evaluate(() => window.FormViewer.schemaVersion);
  if (viewer !== TASKLIST_SCHEMA_VERSION) {
    throw new Error(`form-js here renders schema ${viewer}, Tasklist ${TASKLIST_SCHEMA_VERSION}: pin the version Tasklist ships`);
  }

  // The check itself must be able to fail: a form of an unknown type and a form from a newer form-js are refused.
  const broken = [
    { id: 'broken', type: 'default', schemaVersion: 16, components: [{ type: 'no-such-field', key: 'x', label: 'X' }] },
    { id: 'newer', type: 'default', schemaVersion: 17, components: [{ type: 'textfield', key: 'x', label: 'X' }] }
  ];
  for (const schema of broken) {
    if (problemsOf(schema, await render(page, schema)).length === 0) {
      throw new Error(`the check accepted the broken form ${schema.id}`);
    }
  }

  mkdirSync(SHOTS, { recursive: true });
  const files = readdirSync(FORMS).filter((f) => f.endsWith('.form')).sort();
  for (const file of files) {
    let schema;
    try {
      schema = JSON.parse(readFileSync(new URL(file, FORMS), 'utf8'));
    } catch (error) {
      console.log(`✖ ${file}: not JSON: ${error.message}`);
      failed++;
      continue;
    }
    const result = await render(page, schema);
    const problems = problemsOf(schema, result);
    if (!result.error) {
      await page.locator('#form').screenshot({ path: `${SHOTS}${file.replace(/\.form$/, '.png')}` });
    }
    if (problems.length) {
      failed++;
      console.log(`✖ ${file}\n${problems.map((p) => `    ${p}`).join('\n')}`);
    } else {
      console.log(`✔ ${file}: ${result.fields} fields`);
    }
  }
  console.log(`${files.length - failed} of ${files.length} forms render in form-js ${JSON.parse(readFileSync(installed('@bpmn-io/form-js/package.json'), 'utf8')).version}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
