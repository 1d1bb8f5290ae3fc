// Figures in the browser (R23): a supervisor opens them, sees a small cell
// hidden with the method printed, and downloads the same table as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.stats');

test('r23 a supervisor sees a hidden cell with its method and downloads the figures as CSV, then exchanges records in HTCDS', async () => {
  const pw = ctx.haven
    .cli('user', 'create', '--org', 'Local organisation', '--role', 'supervisor', '--username', 'sup.stats')
    .trim().split('\n').pop();
  // The caseworker signs in once (a one-time password cannot write), then
  // records people through the API as a script of theirs would.
  const cwPage = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(cwPage, ctx.haven.url, 'cw.stats', ctx.password, 'caseworker-passphrase-stats');
  await cwPage.close();
  const token = ctx.haven.cli('token', 'create', '--user', 'cw.stats', '--scopes', 'read,write').trim().split('\n').pop();
  // Three women in a shelter are few enough to be recognised; every total is not.
  const group = (n, label, sex, location) => [...Array(n).keys()].map((i) => ({
    full_name: `${label} ${i}`, sex, nationalities: ['VNM'], estimated_age: 30, location,
  }));
  const people = [
    ...group(10, 'Figure Man Sheltered', 'male', 'shelter'),
    ...group(12, 'Figure Man Detained', 'male', 'immigration_detention'),
    ...group(3, 'Figure Woman Sheltered', 'female', 'shelter'),
    ...group(11, 'Figure Woman Detained', 'female', 'immigration_detention'),
  ];
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
  await page.getByLabel('Rows').selectOption('sex');
  await page.getByLabel('Columns').selectOption('location');
  await page.getByRole('button', { name: 'Show' }).click();
  const women = await page.locator('#figures tbody tr', { hasText: 'Female' }).locator('td').allTextContents();
  // Detained and sheltered women are hidden (three in the shelter are too few); their total is shown.
  assert.deepEqual(women.map((c) => c.trim()), ['hidden', 'hidden', '14']);
  assert.match(await page.locator('#stats-method').textContent(), /k = 11/);
  assert.equal(await page.locator('figure.chart svg').count(), 1);
  await screenshot(page, 'statistics');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#stats-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^Female,hidden,hidden,14$/m);
  assert.match(csv, /k = 11/);
  assert.doesNotMatch(csv, /Figure (Man|Woman)/, 'no names in figures');

  await interop(page);
});

/** The supervisor, still signed in, exports the case records in HTCDS,
 * checks the file before importing it, and sees a damaged one refused line by line. */
async function interop(page) {
  await page.getByRole('link', { name: 'Import and export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#htcds-export-json').click()]);
  const file = await download.path();
  const bundle = JSON.parse(readFileSync(file, 'utf8'));
  assert.ok(JSON.stringify(bundle).includes('Figure Woman Detained'), 'the export names the organisation\'s people');

  // A dry run of the file just exported: it could be imported, nothing is written.
  await page.locator('#htcds-file').setInputFiles(file);
  await page.getByRole('button', { name: 'Check the file' }).click();
  assert.equal(await page.locator('#htcds-outcome').getAttribute('data-ok'), 'true');
  assert.match(await page.locator('#htcds-verdict').textContent(), /can be imported\. Nothing has been written/);
  assert.match(await page.locator('#htcds-counts').textContent(), /People: 36/);

  // A damaged copy is refused with its problems listed, and nothing is written.
  const damaged = path.join(ctx.haven.dir, 'damaged-htcds.json');
  writeFileSync(damaged, JSON.stringify(bundle).replace(/"prs_Gender":"[^"]*"/, '"prs_Gender":"not-a-code"'));
  await page.locator('#htcds-file').setInputFiles(damaged);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  assert.equal(await page.locator('#htcds-outcome').getAttribute('data-ok'), 'false');
  assert.match(await page.locator('#htcds-verdict').textContent(), /not imported, and nothing has been written/);
  assert.ok(await page.locator('#htcds-problems tbody tr').count() >= 1);
  await screenshot(page, 'interop-refused');
  await page.goto(`${ctx.haven.url}/persons?q=${encodeURIComponent('Figure Woman Detained 0')}`);
  assert.equal(await page.locator('main table a', { hasText: 'Figure Woman Detained 0' }).count(), 1, 'no copy was made');
}

test('r23 a supervisor moves the organisation in from its spreadsheet: columns guessed, a bad row named, then all of it imported', async () => {
  const pw = ctx.haven
    .cli('user', 'create', '--org', 'Local organisation', '--role', 'supervisor', '--username', 'sup.sheet')
    .trim().split('\n').pop();
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(page, ctx.haven.url, 'sup.sheet', pw, 'supervisor-passphrase-sheet');
  await page.getByRole('link', { name: 'Import and export' }).click();
  await page.locator('#sheet-start').click();

  // The list as the shelter kept it: Thai and English headings, a date
  // that cannot be (31/02), and a column haven has no place for.
  const sheet = (dob) => '\ufeffชื่อ,Sex,DOB,Nationality,Case status,Opened on,Village\n'
    + `Sheet Person Aung,male,${dob},Myanmar,active,02/01/2024,Myawaddy\n`
    + 'Sheet Person Lan,female,,Viet Nam,,,\n';
  const bad = path.join(ctx.haven.dir, 'legacy-bad.csv');
  writeFileSync(bad, sheet('31/02/1998'));
  await page.locator('#sheet-file').setInputFiles(bad);
  await page.getByRole('button', { name: 'Read the columns' }).click();
  // The columns were matched by their headings; the one left over is named.
  assert.equal(await page.getByLabel('Name (required)').inputValue(), '0');
  assert.equal(await page.getByLabel('Date of birth', { exact: true }).inputValue(), '2');
  assert.match(await page.locator('#sheet-left-out').textContent(), /Village/);
  await page.getByRole('button', { name: 'Check the sheet (writes nothing)' }).click();
  assert.match(await page.locator('#sheet-fault').textContent(), /Nothing was imported/);
  const problem = await page.locator('#sheet-problems tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(problem.slice(0, 2), ['2', 'DOB'], 'the row and the sheet\'s own heading');
  await screenshot(page, 'sheet-refused');

  // Corrected and chosen again: checked clean, then imported whole.
  const good = path.join(ctx.haven.dir, 'legacy-good.csv');
  writeFileSync(good, sheet('28/02/1998'));
  await page.goto(`${ctx.haven.url}/interop/spreadsheet`);
  await page.locator('#sheet-file').setInputFiles(good);
  await page.getByRole('button', { name: 'Read the columns' }).click();
  await page.getByRole('button', { name: 'Check the sheet (writes nothing)' }).click();
  assert.match(await page.locator('#sheet-verdict').textContent(), /People: 2\. Cases: 1\./);
  await page.getByRole('button', { name: 'Import all of it' }).click();
  assert.match(await page.locator('#sheet-verdict').textContent(), /Imported\. People: 2\. Cases: 1\./);
  await page.locator('#sheet-people').click();
  assert.equal(await page.locator('main table a', { hasText: 'Sheet Person Aung' }).count(), 1);

  // Their figures: a table of referrals says there are none yet.
  await page.goto(`${ctx.haven.url}/statistics`);
  await page.locator('#stats-referrals').click();
  assert.match(await page.locator('#stats-empty').textContent(), /No referrals yet/);
  await page.close();
});
