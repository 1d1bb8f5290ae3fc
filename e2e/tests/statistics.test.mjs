// Figures in the browser (R23): a supervisor opens them, sees a small cell
// hidden with the method printed, and downloads the same table as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.stats');

test('r23 a supervisor sees a hidden cell with its method and downloads the figures as CSV', async () => {
  const pw = ctx.haven
    .cli('user', 'create', '--org', 'Local organisation', '--role', 'supervisor', '--username', 'sup.stats')
    .trim().split('\n').pop();
  const token = ctx.haven.cli('token', 'create', '--user', 'cw.stats', '--scopes', 'read,write').trim().split('\n').pop();
  const people = [...Array(12).keys()].map((i) => ({ full_name: `Figure Man ${i}`, sex: 'male', nationalities: ['VNM'], estimated_age: 30 }))
    .concat([...Array(2).keys()].map((i) => ({ full_name: `Figure Woman ${i}`, sex: 'female', nationalities: ['ETH'], estimated_age: 30 })));
  for (const p of people) {
    const res = await fetch(`${ctx.haven.url}/api/v1/persons`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(p),
    });
    assert.equal(res.status, 201, await res.text());
  }

  const page = await ctx.browser.newPage({ locale: 'en-GB', acceptDownloads: true });
  await signIn(page, ctx.haven.url, 'sup.stats', pw, 'supervisor-passphrase-stats');
  await page.getByRole('link', { name: 'Figures' }).click();
  await page.getByLabel('Rows').selectOption('nationality');
  await page.getByLabel('Columns').selectOption('sex');
  await page.getByRole('button', { name: 'Show' }).click();
  const eth = await page.locator('#figures tbody tr', { hasText: 'ETH' }).textContent();
  assert.match(eth, /hidden/);
  assert.doesNotMatch(eth, /\b2\b/, 'the two Ethiopian women are not shown as a number');
  assert.match(await page.locator('#stats-method').textContent(), /k = 11/);
  assert.equal(await page.locator('figure.chart svg').count(), 1);
  await screenshot(page, 'statistics');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#stats-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^ETH,suppressed,0,suppressed$/m);
  assert.match(csv, /k = 11/);
  assert.doesNotMatch(csv, /Figure (Man|Woman)/, 'no names in figures');
});
