// A referral in the browser, from proposal to the receiving shelter, and
// consent withdrawn mid-way: the shelter loses access at once (R17, R19).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.ref');
const SHELTER = "Men's Shelter Mae Sot";

/** The shelter, created by whichever test runs first, so that each runs alone. */
function ensureShelter() {
  try {
    ctx.haven.cli('org', 'create', '--name', SHELTER, '--kind', 'shelter', '--country', 'THA', '--languages', 'th,my');
  } catch (e) {
    if (!/already|exists/i.test(String(e.stderr ?? e))) throw e;
  }
}

test('r17 consent withdrawn mid-referral cuts the receiving organisation off at once', async () => {
  ensureShelter();
  const shelterPassword = ctx.haven
    .cli('user', 'create', '--org', SHELTER, '--role', 'caseworker', '--username', 'cw.shelter')
    .trim().split('\n').pop();

  // The referring caseworker proposes, records consent and sends.
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(page, ctx.haven.url, 'cw.ref', ctx.password, 'caseworker-passphrase-ref');
  await page.getByRole('link', { name: 'New person' }).click();
  await page.getByLabel('Full name, as the person writes it').fill('Ko Htet Aung');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#referrals-link').click();
  assert.match(page.url(), /\/persons\/[0-9a-f-]{36}\/referrals$/);
  const personUrl = page.url().replace(/\/referrals$/, '');
  assert.match(await page.locator('main').textContent(), /No suggestions yet/);
  // A needs assessment recorded with the person drives the suggestions (R19).
  await page.locator('#needs-assessment summary').click();
  await page.getByLabel('Safe open shelter for men').check();
  await page.locator('#needs-notes').fill('Speaks Burmese only');
  await page.getByRole('button', { name: 'Save needs assessment' }).click();
  assert.match(page.url(), /\/referrals$/);
  const suggestion = page.locator('ul.suggested-referrals li[data-type="shelter_men"]');
  assert.match(await suggestion.textContent(), /from the needs assessment/);
  await suggestion.getByRole('link', { name: 'Propose a referral' }).click();
  assert.equal(await page.locator('#ref-type').inputValue(), 'shelter_men');
  await page.locator('#ref-recipient').selectOption({ label: SHELTER });
  await page.locator('#ref-note').fill('Needs a bed tonight');
  await page.locator('#propose-referral').getByRole('button', { name: 'Propose a referral' }).click();
  const referral = page.locator('li.referral').first();
  assert.equal(await referral.getAttribute('data-status'), 'proposed');
  // Sending before consent is not even offered.
  assert.equal(await referral.getByRole('button', { name: 'Send referral' }).count(), 0);
  const consentForm = referral.locator('form[action$="/consent"]');
  await consentForm.getByLabel('Identity', { exact: true }).check();
  await consentForm.getByLabel('Contact and location', { exact: true }).check();
  await consentForm.getByLabel('Language the consent was explained in (code, e.g. my)').fill('my');
  await consentForm.getByRole('button', { name: 'Save consent' }).click();
  await page.locator('li.referral').first().getByRole('button', { name: 'Send referral' }).click();
  assert.equal(await page.locator('li.referral').first().getAttribute('data-status'), 'sent');
  await screenshot(page, 'referrals');

  // The shelter sees the person as consented, and accepts.
  const shelter = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(shelter, ctx.haven.url, 'cw.shelter', shelterPassword, 'shelter-passphrase-mae-sot');
  await shelter.getByRole('link', { name: 'Referrals' }).click();
  await shelter.getByRole('link', { name: 'Ko Htet Aung' }).click();
  const referralUrl = shelter.url();
  assert.match(await shelter.locator('#shared-person').textContent(), /Ko Htet Aung/);
  await shelter.getByRole('button', { name: 'Accept' }).click();
  assert.equal(await shelter.locator('#referral-status').getAttribute('data-status'), 'accepted');
  await screenshot(shelter, 'referral-received');

  // The person withdraws consent; the referring caseworker records it.
  await page.goto(personUrl);
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await page.goto(`${personUrl}/referrals`);
  assert.equal(await page.locator('li.referral').first().getAttribute('data-status'), 'revoked');

  // At the shelter's next request the person is gone.
  await shelter.goto(referralUrl);
  assert.ok(await shelter.locator('#no-access').isVisible());
  assert.equal(await shelter.locator('#shared-person').count(), 0);
  assert.doesNotMatch(await shelter.locator('main').textContent(), /Ko Htet Aung/);
  assert.equal(await shelter.getByRole('button', { name: 'Service has started' }).count(), 0);
  await shelter.getByRole('link', { name: 'Referrals to us' }).click();
  assert.doesNotMatch(await shelter.locator('main').textContent(), /Ko Htet Aung/);
  assert.match(await shelter.locator('main').textContent(), /no longer shared/);
});

test('r15 only a supervisor finds the restricted cooperation record, and it changes nothing else', async () => {
  // Its own caseworker, person and shelter, so that it runs alone too.
  ensureShelter();
  const cwPassword = ctx.haven
    .cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw.coop')
    .trim().split('\n').pop();
  const cw = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(cw, ctx.haven.url, 'cw.coop', cwPassword, 'caseworker-passphrase-coop');
  await cw.getByRole('link', { name: 'New person' }).click();
  await cw.getByLabel('Full name, as the person writes it').fill('Ko Min Thu');
  await cw.getByRole('button', { name: 'Save' }).click();
  await cw.locator('#referrals-link').waitFor();
  const personUrl = cw.url();

  const supPassword = ctx.haven
    .cli('user', 'create', '--org', 'Local organisation', '--role', 'supervisor', '--username', 'sup.ref')
    .trim().split('\n').pop();
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(page, ctx.haven.url, 'sup.ref', supPassword, 'supervisor-passphrase-ref');
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Ko Min Thu' }).click();
  assert.equal(page.url(), personUrl);
  await page.locator('#cooperation-link').click();
  assert.match(await page.locator('main').textContent(), /nothing in haven reads it|Nothing in haven reads it/);
  await page.getByLabel('What the person decided').selectOption('declined');
  await page.getByLabel('Note').fill('Does not want to give a statement');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(await page.locator('ul.cooperation-records').textContent(), /Declined to cooperate/);

  // The caseworker who holds the case sees no trace of it, and can still refer.
  await cw.goto(personUrl);
  assert.equal(await cw.locator('#cooperation-link').count(), 0);
  assert.doesNotMatch(await cw.locator('main').textContent(), /cooperat|statement/i);
  const res = await cw.goto(`${personUrl}/cooperation`);
  assert.equal(res.status(), 403);
  await cw.goto(`${personUrl}/referrals`);
  await cw.locator('#ref-type').selectOption('legal_aid');
  await cw.locator('#ref-recipient').selectOption({ label: SHELTER });
  await cw.locator('#propose-referral').getByRole('button', { name: 'Propose a referral' }).click();
  assert.equal(await cw.locator('li.referral').first().getAttribute('data-status'), 'proposed');
});
