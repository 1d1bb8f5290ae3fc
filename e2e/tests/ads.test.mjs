// Screening a job advertisement in the browser (issue 17, R26): paste an
// ad, see the red flags marked in its text with their reasons, record a
// reviewer's decision with a reason. haven itself removes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.ads');

test('r26 paste an ad, see the flags with their reasons, record a decision with a reason', async () => {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(page, ctx.haven.url, 'cw.ads', ctx.password, 'caseworker-passphrase-ads');
  await page.getByRole('link', { name: 'Job ads' }).click();
  await page.getByLabel('The advertisement, as published').fill(
    'URGENT! Customer service typist in Sihanoukville. Salary $2500/month, no experience needed, free flight and housing. Contact Telegram @fastjob_hr only.');
  await page.getByRole('button', { name: 'Screen', exact: true }).click();
  assert.ok(await page.locator('blockquote.ad mark').count() > 0, 'matched words are marked');
  assert.ok(await page.locator('ul.flags li').count() >= 2, 'each flag with its reason');
  assert.match(await page.locator('#ad-score').textContent(), /0\.[5-9]|1\.0/);
  // R08: how many survivors reported it, never who; nobody has here.
  assert.match(await page.locator('#ad-reported').textContent(), /No survivor screened here/);
  await screenshot(page, 'ads-screened');
  await page.getByLabel('Escalate for a second look').check();
  await page.getByLabel('Why (a sentence').fill('Telegram-only typist job in a compound town, as in the embassy warning.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  assert.ok(await page.getByText('The decision is recorded with its reason.').isVisible());
  assert.match(await page.locator('ul.reviews li').last().textContent(), /Escalate for a second look/);
  // The escalated ad waits in the review queue; a second look decides it.
  assert.equal(await page.locator('#ads-queue li').count(), 1);
  await page.getByRole('button', { name: 'Take a second look' }).click();
  await page.getByLabel('Ask for it to be removed').check();
  await page.getByLabel('Why (a sentence').fill('Second look: matches the embassy warning word for word.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  assert.ok(await page.getByText('Nothing waits for a second look.').isVisible());
});

test('r26 a platform reviewer lands on the job ads, sees nothing else, and is not told of fewer than three reports', async () => {
  ctx.haven.cli('org', 'create', '--name', 'Video Platform', '--kind', 'platform');
  const password = ctx.haven
    .cli('user', 'create', '--org', 'Video Platform', '--role', 'caseworker', '--username', 'plat.reviewer')
    .trim().split('\n').pop();
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(page, ctx.haven.url, 'plat.reviewer', password, 'platform-passphrase-ads');
  await page.goto(`${ctx.haven.url}/`);
  assert.match(new URL(page.url()).pathname, /^\/ads/);
  const nav = await page.locator('nav').first().textContent();
  for (const other of ['People', 'Tasks', 'Referrals', 'Figures']) assert.ok(!nav.includes(other), `${other} in ${nav}`);
  await page.getByLabel('The advertisement, as published').fill('Game promoter in KK Park, contact @kk_recruit now');
  await page.getByRole('button', { name: 'Screen', exact: true }).click();
  assert.match(await page.locator('#ad-reported').textContent(), /at least 3 survivors/);
  for (const path of ['/persons', '/tasks', '/statistics']) {
    const res = await page.goto(`${ctx.haven.url}${path}`);
    assert.ok([403, 404].includes(res.status()), `${path}: ${res.status()}`);
  }
});

test('r26 upload a file of ads, see them by score with their reasons, and open one to review', async () => {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  // The first test changed the one-time password to this one.
  await signIn(page, ctx.haven.url, 'cw.ads', 'caseworker-passphrase-ads');
  await page.goto(`${ctx.haven.url}/ads`);
  const file = [
    JSON.stringify({ id: 'shop', text: 'Cashier wanted at our Chiang Mai grocery store. Apply in person with your CV.' }),
    JSON.stringify({ id: 'kk', text: 'Game promoter in KK Park, Myawaddy. 3000 USD a month, no experience, free flight. Telegram @kk_jobs only.' }),
    'this line is not JSON',
  ].join('\n');
  await page.getByLabel('Or a file of advertisements').setInputFiles({ name: 'ads.jsonl', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Screen the file' }).click();
  const rows = page.locator('#ads-batch tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().textContent(), /kk/, 'the likeliest fraud first');
  assert.match(await page.getByRole('alert').textContent(), /Line 3/);
  await rows.first().getByRole('button', { name: 'Review' }).click();
  assert.match(await page.locator('#ad-text').inputValue(), /KK Park/);
  assert.ok(await page.locator('ul.flags li').count() >= 1);
});
