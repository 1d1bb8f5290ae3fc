// Identification interview in the survivor's language (Vietnamese) with an
// English interface: one question per screen, declinable, ending in a finding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHaven, launchBrowser, screenshot, signIn } from './lib.mjs';

let haven;
let browser;
let password;

before(async () => {
  haven = await startHaven();
  browser = await launchBrowser();
  password = haven.cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw.vi').trim().split('\n').pop();
});

after(async () => {
  await browser?.close();
  await haven?.stop();
});

const YES = new Set(['recruited_job_ad', 'job_differed', 'travel_arranged', 'crossed_border_unaware', 'taken_to_compound',
  'passport_taken', 'phone_taken', 'confined', 'forced_to_scam', 'targets_and_scripts', 'knew_scam_work', 'irregular_status']);

test('r18 r11 r13 a full interview in Vietnamese with an English UI ends in reasonable grounds, non-punishment and an urgent release', async () => {
  const page = await browser.newPage({ locale: 'en-GB' });
  await signIn(page, haven.url, 'cw.vi', password, 'caseworker-passphrase-vi');
  await page.getByRole('link', { name: 'New person' }).click();
  await page.getByLabel('Full name, as the person writes it').fill('Nguyễn Thị Hoa');
  await page.getByLabel('Where the person is now').selectOption('immigration_detention');
  await page.getByRole('button', { name: 'Save' }).click();

  await page.getByText('Start a screening').click();
  await page.getByLabel('Language of the interview').selectOption('vi');
  await page.getByLabel("Interpreter's name or role").fill('Ms Lan, NGO interpreter');
  await page.getByRole('button', { name: 'Begin' }).click();
  assert.match(page.url(), /\/screenings\/[0-9a-f-]{36}\/q\/0$/);

  const instrument = await (await page.request.get(`${haven.url}/api/v1/instruments/forced-criminality`)).json();
  const questions = instrument.questions;
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i];
    assert.match(page.url(), new RegExp(`/q/${i}$`));
    // The question is shown in Vietnamese, marked as such, with the English beside it.
    const survivor = page.locator('legend .survivor');
    assert.equal(await survivor.getAttribute('lang'), 'vi');
    assert.equal((await survivor.textContent()).trim(), q.text.vi);
    assert.equal((await page.locator('legend .ui-text').textContent()).trim(), q.text.en);
    assert.ok(await page.getByText(`Question ${i + 1} of ${questions.length}`).isVisible());
    if (i === 2) await screenshot(page, 'interview-question');
    // Each interview step stays small for weak mobile links.
    assert.ok(Buffer.byteLength(await page.content()) < 60 * 1024);
    if (YES.has(q.id)) {
      await page.locator('input[name="value"][value="yes"]').check();
    } else if (q.id === 'hours_per_day') {
      await page.locator('input[name="value"][type="number"]').fill('16');
    } else if (q.id === 'violence') {
      await page.locator('input[name="opt_beatings"]').check();
    } else if (q.id === 'signed_contract') {
      await page.locator('input[name="value"][value="prefer_not_to_say"]').check();
    }
    // Everything else is left unanswered: no question is mandatory.
    await page.getByRole('button', { name: 'Save and continue' }).click();
    if (i === 10) {
      // Pause, then resume where we were.
      await page.getByRole('link', { name: 'Pause and return later' }).click();
      assert.match(page.url(), /\/screenings\/[0-9a-f-]{36}$/);
      await page.goto(page.url() + `/q/${i + 1}`);
    }
  }
  assert.match(page.url(), /\/screenings\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Finish and see the result' }).click();
  const outcome = page.locator('.outcome');
  assert.equal(await outcome.getAttribute('data-outcome'), 'reasonable_grounds');
  assert.match(await outcome.textContent(), /Reasonable grounds/);
  const body = await page.content();
  assert.ok(!/not a victim/i.test(body));
  assert.ok(body.includes('Legal aid'), 'referrals are offered');
  // R11: non-punishment applies from reasonable grounds; R13: detention makes release the first action.
  assert.ok(body.includes('non-punishment principle applies from now'));
  assert.ok(await page.getByRole('alert').filter({ hasText: 'first action is to request their release' }).isVisible());
  await screenshot(page, 'screening-result');
  // R11/R12: the printable non-punishment notice, here also in Thai for a Thai authority.
  await page.getByLabel('Language of the authority').selectOption('th');
  await page.getByRole('button', { name: 'Non-punishment notice (printable)' }).click();
  assert.match(page.url(), /\/notice\?lang=th$/);
  const notice = await page.content();
  assert.ok(notice.includes('Nguyễn Thị Hoa'));
  assert.equal(await page.locator('section.notice-doc').count(), 2);
  assert.equal(await page.locator('section.notice-doc').nth(1).getAttribute('lang'), 'th');
  await screenshot(page, 'notice');
  await page.goBack();
  // The same notice as a PDF to download: Vietnamese for the person (the
  // interview language), Thai for the authority; its text layer names her.
  await page.getByLabel('Language of the authority').selectOption('th');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Download the notice as PDF/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^non-punishment-notice-.*\.pdf$/);
  const pdfPath = path.join(os.tmpdir(), `haven-notice-${process.pid}.pdf`);
  await download.saveAs(pdfPath);
  assert.equal(fs.readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).toString();
  fs.unlinkSync(pdfPath);
  assert.ok(text.includes('Nguyễn Thị Hoa'), 'the PDF names the person');
  assert.ok(text.includes('rửa tiền'), 'Vietnamese text, open-ended scope (R12)');
  assert.ok(text.includes('ฟอกเงิน'), 'Thai text for the authority');
  assert.ok(text.includes('trả tự do'), 'the release request for a detained person (R13)');
  // R13: the task list now starts with the release request.
  await page.getByRole('link', { name: 'Tasks' }).click();
  const first = page.locator('li.task').first();
  assert.equal(await first.getAttribute('data-kind'), 'request_release');
  assert.match(await first.textContent(), /Nguyễn Thị Hoa/);
  await screenshot(page, 'tasks');
});

test('r14 a past penalty is recorded for expungement and its request followed to the outcome', async () => {
  // A caseworker of this test's own, so that it runs alone as well as after the interview.
  const pw = haven.cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw.pen')
    .trim().split('\n').pop();
  const page = await browser.newPage({ locale: 'en-GB' });
  await signIn(page, haven.url, 'cw.pen', pw, 'caseworker-passphrase-pen');
  await page.getByRole('link', { name: 'New person' }).click();
  await page.getByLabel('Full name, as the person writes it').fill('Trần Văn Nam');
  await page.getByRole('button', { name: 'Save' }).click();
  const personUrl = page.url();
  await page.getByText('Record a past penalty').click();
  await page.getByLabel('Kind of penalty').selectOption('fine');
  await page.getByLabel('Country that imposed it (code, e.g. THA)').fill('THA');
  await page.getByLabel('What it was for').fill('Overstay after escaping the compound');
  await page.locator('form[action$="/penalties"]').getByRole('button', { name: 'Save' }).click();
  assert.equal(page.url(), personUrl);
  const item = page.locator('ul.penalties li').first();
  assert.match(await item.textContent(), /Fine · THA · expungement not yet requested/);
  assert.match(await item.textContent(), /ask for expungement/, 'a consequence of trafficking is flagged for expungement');
  await item.getByLabel('Expungement').selectOption('requested');
  await item.getByRole('button', { name: 'Update' }).click();
  assert.equal(page.url(), personUrl);
  const after = await page.locator('ul.penalties li').first().textContent();
  assert.match(after, /expungement requested/);
  assert.doesNotMatch(after, /ask for expungement/, 'once requested it is no longer due');
  await screenshot(page, 'penalties');
});
