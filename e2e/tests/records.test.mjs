// A caseworker's day one with records (issues 13 and 16): correct a person's
// record and read who changed what, close a case only with a reason, hand it
// to a colleague, and bring in a screening done offline with ODK Collect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.records');

test('a correction is confirmed and listed with who, when, before and after; a case closes only with a reason', async () => {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(page, ctx.haven.url, 'cw.records', ctx.password, 'caseworker-passphrase-records');
  await page.goto(`${ctx.haven.url}/persons/new`);
  await page.getByLabel('Full name, as the person writes it').fill('Nguyen Thi Lan');
  await page.getByRole('button', { name: 'Save' }).click();
  const personUrl = page.url();

  await page.locator('#edit-person').click();
  await page.getByLabel('Full name, as the person writes it').fill('Nguyễn Thị Lan');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(await page.locator('#flash').textContent(), /Saved/);
  await page.locator('#person-history').click();
  const row = page.locator('#history tbody tr').first();
  assert.match(await row.textContent(), /cw\.records/);
  assert.match(await row.textContent(), /Nguyen Thi Lan/);
  assert.match(await row.textContent(), /Nguyễn Thị Lan/);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the history fits a phone');
  await screenshot(page, 'person-history-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.goto(personUrl);
  await page.getByRole('button', { name: 'Open a case' }).click();
  const caseUrl = page.url();
  await page.getByLabel('Change status').selectOption('closed');
  await page.getByRole('button', { name: 'Save status' }).click();
  assert.match(await page.locator('#case-error').textContent(), /Say why the case is closed/);
  assert.doesNotMatch(await page.locator('main').textContent(), /close_reason_required|\(R\d\d\)/);
  await page.getByLabel('Change status').selectOption('closed');
  await page.getByLabel('Reason (needed to close the case; kept as a case note)').fill('Went home to Hai Phong with her sister');
  await page.getByRole('button', { name: 'Save status' }).click();
  assert.ok(page.url().startsWith(caseUrl));
  assert.match(await page.locator('#flash').textContent(), /Saved/);
  assert.match(await page.locator('article.note').first().textContent(), /Went home to Hai Phong/);
  await screenshot(page, 'case-closed-with-reason');
});

test('a screening done offline with ODK Collect is imported, and a damaged one is refused in words', async () => {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await page.goto(`${ctx.haven.url}/login`);
  await page.getByLabel('Username').fill('cw.records');
  await page.getByLabel('Password', { exact: true }).fill('caseworker-passphrase-records');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${ctx.haven.url}/persons/new`);
  await page.getByLabel('Full name, as the person writes it').fill('Aung Ko Ko');
  await page.getByRole('button', { name: 'Save' }).click();
  const personUrl = page.url();

  const good = readFileSync(path.join(repoRoot, 'fuzz', 'seeds', 'odk_submission', 'instance.xml'), 'utf8');
  const dir = ctx.haven.dir;
  const bad = path.join(dir, 'damaged.xml');
  writeFileSync(bad, good.replace('<abducted>no</abducted>', '<abducted>perhaps</abducted>'));
  const fine = path.join(dir, 'submission.xml');
  writeFileSync(fine, good);

  await page.locator('#field-import summary').click();
  await page.getByLabel('Language the person was asked in').selectOption('my');
  await page.getByLabel('Submission file (.xml or .json)').setInputFiles(bad);
  await page.getByRole('button', { name: 'Import the answers' }).click();
  const refusal = await page.locator('main').textContent();
  assert.match(refusal, /nothing was saved/);
  assert.match(refusal, /abducted/);

  await page.goto(personUrl);
  await page.locator('#field-import summary').click();
  await page.getByLabel('Language the person was asked in').selectOption('my');
  await page.getByLabel('Submission file (.xml or .json)').setInputFiles(fine);
  await page.getByRole('button', { name: 'Import the answers' }).click();
  assert.match(page.url(), /\/screenings\/[0-9a-f-]{36}$/);
  await screenshot(page, 'field-screening-imported');
});

test('a supervisor narrows the people list, merges a duplicate, undoes it and merges it for good', async () => {
  const pw = ctx.haven
    .cli('user', 'create', '--org', 'Local organisation', '--role', 'supervisor', '--username', 'sup.merge')
    .trim().split('\n').pop();
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  const base = ctx.haven.url;
  await signIn(page, base, 'sup.merge', pw, 'supervisor-passphrase-merge');
  const add = async (fields) => {
    await page.goto(`${base}/persons/new`);
    await page.getByLabel('Full name, as the person writes it').fill(fields.name);
    if (fields.latin) await page.getByLabel('Name in Latin letters').fill(fields.latin);
    if (fields.sex) await page.locator('#sex').fill(fields.sex);
    if (fields.nationality) await page.getByLabel('Nationality', { exact: true }).selectOption(fields.nationality);
    await page.getByRole('button', { name: 'Save' }).click();
    return new URL(page.url()).pathname;
  };
  const kept = await add({ name: 'Somchai Jaidee', nationality: 'THA' });
  const dup = await add({ name: 'สมชาย ใจดี', latin: 'Somchai Jaidee', sex: 'ชาย' });
  await add({ name: 'Lan Nguyen', sex: 'female', nationality: 'VNM' });

  // The list narrows in the browser, and keeps what was chosen.
  await page.goto(`${base}/persons`);
  await page.locator('details.filters summary').click();
  await page.getByLabel('Sex', { exact: true }).selectOption('male');
  await page.getByRole('button', { name: 'Apply' }).click();
  const names = await page.locator('main table').textContent();
  assert.match(names, /สมชาย ใจดี/);
  assert.doesNotMatch(names, /Lan Nguyen/);
  assert.equal(await page.getByLabel('Sex', { exact: true }).inputValue(), 'male');
  await page.getByLabel('Nationality', { exact: true }).selectOption('VNM');
  await page.getByRole('button', { name: 'Apply' }).click();
  assert.match(await page.locator('#persons-none').textContent(), /No one matches these filters/);
  await screenshot(page, 'persons-filtered');
  await page.locator('#clear-filters').click();
  assert.match(await page.locator('main').textContent(), /Lan Nguyen/);

  // Duplicates, found by the Latin spelling of a Thai name.
  await page.goto(`${base}${kept}`);
  await page.locator('#find-duplicates').click();
  const row = page.locator('#merge-candidates tbody tr', { hasText: 'สมชาย ใจดี' });
  await row.getByRole('button', { name: 'Merge into this record' }).click();
  assert.match(await page.locator('#flash').textContent(), /The duplicate is out of the lists/);
  await page.getByRole('button', { name: 'Undo the merge' }).click();
  assert.match(await page.locator('#flash').textContent(), /both records stand as they were/);
  await page.locator('#find-duplicates').click();
  await page.locator('#merge-candidates tbody tr', { hasText: 'สมชาย ใจดี' })
    .getByRole('button', { name: 'Merge into this record' }).click();
  await page.getByRole('button', { name: 'Confirm the merge' }).click();
  assert.match(await page.locator('#flash').textContent(), /The merge is confirmed/);
  const facts = await page.locator('dl.facts').textContent();
  assert.match(facts, /สมชาย ใจดี/, 'the duplicate\'s name is now another name of the kept record');
  assert.match(facts, /ชาย/);
  await screenshot(page, 'person-merged');
  await page.goto(`${base}${dup}`);
  assert.match(await page.locator('#merged-into').textContent(), /Somchai Jaidee/);
  // Out of the list, found by its name under the kept record.
  await page.goto(`${base}/persons?q=${encodeURIComponent('สมชาย')}`);
  assert.equal(await page.locator(`main a[href="${dup}"]`).count(), 0);
  assert.equal(await page.locator(`main a[href="${kept}"]`).count(), 1);
});

test('a day of field interviews comes in from a KoboToolbox export: one linked to a known person, one to a person created for it', async () => {
  const page = await ctx.browser.newPage({ locale: 'en-GB', acceptDownloads: true });
  await page.goto(`${ctx.haven.url}/login`);
  await page.getByLabel('Username').fill('cw.records');
  await page.getByLabel('Password', { exact: true }).fill('caseworker-passphrase-records');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${ctx.haven.url}/persons/new`);
  await page.getByLabel('Full name, as the person writes it').fill('Ko Min Thu');
  await page.getByRole('button', { name: 'Save' }).click();

  // The questionnaire for the phones: an XLSForm workbook.
  await page.locator('#xlsform summary').click();
  const [form] = await Promise.all([page.waitForEvent('download'), page.locator('#xlsform a').first().click()]);
  assert.match(form.suggestedFilename(), /\.xlsx$/);
  assert.equal(readFileSync(await form.path()).subarray(0, 2).toString(), 'PK', 'a workbook (a zip)');

  await page.locator('#field-import summary').click();
  await page.locator('#field-imports-link').click();
  await page.getByLabel('Language the person was asked in').selectOption('my');
  await page.getByLabel('The export (.csv or .json)').setInputFiles(path.join(repoRoot, 'fuzz', 'seeds', 'odk_submission', 'kobo-export.csv'));
  await page.getByRole('button', { name: 'List the interviews' }).click();
  // Two interviews can be imported; the third names the question that is wrong.
  assert.equal(await page.locator('#field-list input[name=row]').count(), 2);
  assert.match(await page.locator('#field-list tbody tr').nth(2).textContent(), /abducted/);
  await screenshot(page, 'field-export-listed');

  await page.locator('#field-list input[name=row][value="2"]').check();
  await page.getByLabel('Find the person by name').fill('Min Thu');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.locator('#field-matches input[name=person]').first().check();
  await page.locator('#field-list input[name=row][value="2"]').check();
  await page.getByRole('button', { name: 'Import the chosen interview for this person' }).click();
  assert.match(await page.locator('#field-done').textContent(), /Row 2 was imported/);

  await page.locator('#field-list input[name=row][value="3"]').check();
  await page.getByLabel('Or create the person: full name, as they write it').fill('Daw Hla Hla');
  await page.getByRole('button', { name: 'Create the person and import the chosen interview' }).click();
  assert.match(await page.locator('#field-done').textContent(), /Row 3 was imported/);
  assert.equal(await page.locator('#field-list input[name=row]').count(), 0, 'both are imported now');
  await page.locator('#field-open').click();
  assert.match(page.url(), /\/screenings\/[0-9a-f-]{36}$/);
  await page.close();
});
