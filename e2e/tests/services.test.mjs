// The service directory in the browser (R19): import from a spreadsheet,
// find a men's shelter that speaks Burmese, download the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.svc');

const CSV = `provider,name,service_type,languages,country,location,sex,min_age,max_age,capacity,contact
Safe Haven Foundation,Open shelter for men,shelter_men,th my en,THA,Mae Sot,men,18,,12,+66 2 000 0000
Women's Refuge,Shelter,shelter_women,th,THA,Bangkok,women,18,,20,refuge@example.org
Legal Aid Centre,Lawyers for survivors,legal_aid,vi en,THA,Bangkok,,,,,+66 2 111 1111`;

test('r19 a spreadsheet is imported all or nothing, filtered, and downloaded', async () => {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(page, ctx.haven.url, 'cw.svc', ctx.password, 'caseworker-passphrase-svc');
  await page.getByRole('link', { name: 'Services' }).click();
  assert.ok((await page.content()).includes('No services match.'));

  // A file with one bad row imports nothing and names the row.
  await page.locator('summary', { hasText: 'Import from a spreadsheet' }).click();
  await page.getByLabel('CSV text').fill(`${CSV}\nClinic,Clinic,massage,,THA,,,,,,x`);
  await page.getByRole('button', { name: 'Import', exact: true }).last().click();
  assert.match(await page.locator('#refusal').textContent(), /Nothing was imported.*row 5/);
  assert.equal(await page.locator('table.services tbody tr').count(), 0);

  await page.locator('summary', { hasText: 'Import from a spreadsheet' }).click();
  await page.getByLabel('CSV text').fill(CSV);
  await page.getByRole('button', { name: 'Import', exact: true }).last().click();
  assert.match(await page.locator('#svc-message').textContent(), /3 services imported/);
  assert.equal(await page.locator('table.services tbody tr').count(), 3);

  // Men's shelter, in Burmese.
  await page.locator('#f-type').selectOption('shelter_men');
  await page.locator('#f-language').fill('my');
  await page.getByRole('button', { name: 'Filter' }).click();
  const rows = page.locator('table.services tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /Safe Haven Foundation.*Safe open shelter for men/);
  await screenshot(page, 'services');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#svc-export').click()]);
  assert.equal(download.suggestedFilename(), 'haven-services.csv');
  const text = await (await import('node:fs')).promises.readFile(await download.path(), 'utf8');
  assert.match(text, /^provider,name,service_type/);
  assert.match(text, /Women's Refuge/);

  // The same list as an XLSX workbook, uploaded back as a file.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('#svc-export-xlsx').click()]);
  assert.equal(xlsx.suggestedFilename(), 'haven-services.xlsx');
  const bytes = await (await import('node:fs')).promises.readFile(await xlsx.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip container');
  await page.goto(`${ctx.haven.url}/services`);
  await page.locator('summary', { hasText: 'Import from a spreadsheet' }).click();
  await page.locator('#i-file').setInputFiles({
    name: 'partners.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes,
  });
  await page.locator('#import-file').getByRole('button', { name: 'Import', exact: true }).click();
  assert.match(await page.locator('#svc-message').textContent(), /3 services imported/);
  assert.equal(await page.locator('table.services tbody tr').count(), 6);

  // A closed shelter is removed by the organisation that listed it.
  await page.locator('table.services tbody tr', { hasText: "Women's Refuge" }).first()
    .getByRole('button', { name: 'Remove' }).click();
  assert.equal(await page.locator('table.services tbody tr').count(), 5);
});
