// Every page a caseworker and a supervisor reach on their first day, at
// phone size (390 x 844) and at 1280 x 800 (issue 13): the header takes at
// most 15% of a phone screen, quick exit stays in view while scrolling,
// every control is at least 44 x 44 px on a phone, nothing is wider than
// the screen, and axe-core finds no serious or critical violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ctx = withCaseworker('cw.phone');

/** The four phone checks, as numbers the assertions read. */
async function phoneFacts(page) {
  return page.evaluate(() => {
    const header = document.querySelector('header.top').getBoundingClientRect().height;
    window.scrollTo(0, document.body.scrollHeight);
    const exit = document.querySelector('a.exit').getBoundingClientRect();
    const exitInView = exit.top >= 0 && exit.bottom <= window.innerHeight && exit.height > 0;
    window.scrollTo(0, 0);
    const small = [];
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const controls = document.querySelectorAll(
      'button, select, textarea, input:not([type=hidden]), summary, nav a, a.button, a.exit');
    for (const el of controls) {
      if (!visible(el)) continue;
      // A checkbox or radio is tapped through its label, which is the target.
      const target = (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') || el) : el;
      const r = target.getBoundingClientRect();
      if (r.height < 43.5 || r.width < 43.5) {
        small.push(`${target.tagName.toLowerCase()}#${target.id || ''}.${target.className || ''} ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
      // A label squeezed narrower than its words spills over its neighbour.
      if (el.matches('nav a, a.button, a.exit, button') && el.scrollWidth > el.clientWidth + 1) {
        small.push(`${el.tagName.toLowerCase()} "${el.textContent.trim()}" spills over (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    return { header, exitInView, small, width: document.documentElement.scrollWidth };
  });
}

async function axeViolations(page) {
  // Evaluated through the debugging protocol, which haven's CSP (rightly)
  // would refuse to an injected script tag.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function sweep(page, base, paths, who) {
  for (const path of paths) {
    for (const [width, height] of [[390, 844], [1280, 800]]) {
      await page.setViewportSize({ width, height });
      const res = await page.goto(`${base}${path}`);
      assert.ok(res.ok(), `${who} ${path}: ${res.status()}`);
      const f = await phoneFacts(page);
      assert.ok(f.width <= width, `${who} ${path} at ${width}: ${f.width} px wide`);
      assert.ok(f.exitInView, `${who} ${path} at ${width}: quick exit scrolled out of view`);
      if (width === 390) {
        assert.ok(f.header <= 0.15 * height, `${who} ${path}: header ${f.header} px`);
        assert.deepEqual(f.small, [], `${who} ${path}: controls under 44 x 44 px`);
        assert.deepEqual(await axeViolations(page), [], `${who} ${path}: axe`);
      }
    }
  }
}

test('every page of the first day fits a phone, keeps quick exit in view and passes axe', async () => {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  const base = ctx.haven.url;
  await signIn(page, base, 'cw.phone', ctx.password, 'caseworker-passphrase-phone');
  await page.goto(`${base}/persons/new`);
  await page.getByLabel('Full name, as the person writes it').fill('Ma Thida');
  await page.getByLabel('Nationality', { exact: true }).selectOption('MMR');
  await page.getByRole('button', { name: 'Save' }).click();
  const person = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Open a case' }).click();
  const kase = new URL(page.url()).pathname;
  await sweep(page, base, ['/tasks', '/persons', '/persons/new', person, `${person}/edit`, `${person}/history`,
    kase, `${person}/referrals`, `${person}/protection`, `${person}/transfers`, '/services', '/referrals',
    '/transfers', '/account'], 'caseworker');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}${person}`);
  await screenshot(page, 'person-phone');

  const pw = ctx.haven
    .cli('user', 'create', '--org', 'Local organisation', '--role', 'supervisor', '--username', 'sup.phone')
    .trim().split('\n').pop();
  const sup = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(sup, base, 'sup.phone', pw, 'supervisor-passphrase-phone');
  await sweep(sup, base, ['/statistics', '/interop', '/review', '/ads', '/persons', person, `${person}/duplicates`],
    'supervisor');
});
