// Identification 2.0 in the browser (issue 11): a presumed child made to
// scam, an interview through an interpreter in a language outside the nine,
// and needs listed one by one with the answers behind them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.ident');
let signedIn = false;

async function caseworkerPage() {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  if (!signedIn) {
    await signIn(page, ctx.haven.url, 'cw.ident', ctx.password, 'caseworker-passphrase-ident');
    signedIn = true;
  } else {
    await page.goto(`${ctx.haven.url}/login`);
    await page.getByLabel('Username').fill('cw.ident');
    await page.getByLabel('Password', { exact: true }).fill('caseworker-passphrase-ident');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  return page;
}

async function newPerson(page, name, age) {
  await page.goto(`${ctx.haven.url}/persons/new`);
  await page.getByLabel('Full name, as the person writes it').fill(name);
  if (age !== undefined) await page.getByLabel('Estimated age in years', { exact: false }).fill(String(age));
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(page.url(), /\/persons\/[0-9a-f-]{36}$/);
}

/** Goes through every question, answering yes to those in `yes`. */
async function interview(page, yes) {
  const instrument = await (await page.request.get(`${ctx.haven.url}/api/v1/instruments/forced-criminality`)).json();
  for (let i = 0; i < instrument.questions.length; i++) {
    if (yes.has(instrument.questions[i].id)) await page.locator('input[name="value"][value="yes"]').check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
  }
  await page.getByRole('button', { name: 'Finish and see the result' }).click();
}

test('r02 r20 a presumed child made to scam reaches reasonable grounds on the child pathway, with a guardian task and each need explained', async () => {
  const page = await caseworkerPage();
  // Nobody knows her age: presumed a child (R02).
  await newPerson(page, 'Mya Mya');
  await page.getByText('Start a screening').click();
  await page.getByLabel('Language of the interview').selectOption('en');
  await page.getByRole('button', { name: 'Begin' }).click();
  await interview(page, new Set(['recruited_job_ad', 'taken_to_compound', 'forced_to_scam', 'targets_and_scripts', 'passport_taken']));
  const outcome = page.locator('.outcome');
  assert.equal(await outcome.getAttribute('data-outcome'), 'reasonable_grounds');
  assert.ok(await page.locator('#child-pathway').isVisible(), 'the child pathway is shown');
  const guardian = page.locator('li[data-need="guardian"]');
  assert.match(await guardian.textContent(), /Appoint a guardian/);
  assert.match(await guardian.textContent(), /under 18/);
  // Each need says which answer it comes from.
  const consular = page.locator('li[data-need="consular"]');
  assert.match(await consular.textContent(), /Because/);
  assert.match(await consular.textContent(), /only with the person's consent/);
  await screenshot(page, 'screening-needs');
  // On a phone nothing runs off the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the result fits a phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: 'Tasks' }).click();
  const task = page.locator('li.task[data-kind="appoint_guardian"]');
  assert.equal(await task.count(), 1);
  assert.match(await task.textContent(), /Mya Mya/);
});

test('r18 an interview in a language outside the nine runs through a recorded interpreter', async () => {
  const page = await caseworkerPage();
  await newPerson(page, 'Abebe Kebede', 30);
  const personUrl = page.url();
  await page.getByText('Start a screening').click();
  await page.getByLabel('Or another language the person speaks').fill('am');
  // Without an interpreter the interview does not start in some other language.
  await page.getByRole('button', { name: 'Begin' }).click();
  assert.doesNotMatch(page.url(), /\/q\/0$/);
  await page.goto(personUrl);
  await page.getByText('Start a screening').click();
  await page.getByLabel('Or another language the person speaks').fill('am');
  await page.getByLabel("Interpreter's name or role").fill('Ms Tigist, community interpreter');
  await page.getByLabel('Language the interpreter reads the questions in').selectOption('en');
  await page.getByLabel('a female interpreter').check();
  await page.getByRole('button', { name: 'Begin' }).click();
  assert.match(page.url(), /\/q\/0$/);
  assert.equal(await page.locator('legend .survivor, legend .ui-text').first().getAttribute('lang') ?? 'en', 'en');
  const sid = page.url().match(/screenings\/([0-9a-f-]{36})/)[1];
  const view = await (await page.request.get(`${ctx.haven.url}/api/v1/screenings/${sid}`)).json();
  assert.equal(view.survivor_language, 'am', JSON.stringify(view));
  assert.equal(view.interpretation?.interpreter_language, 'en', JSON.stringify(view));
  await page.getByRole('link', { name: 'Pause and return later' }).click();
  const interpreted = page.locator('#interpreted');
  assert.match(await interpreted.textContent(), /Ms Tigist/);
  assert.match(await interpreted.textContent(), /\bam\b/);
  assert.ok(await page.getByText('Provisional result').isVisible(), 'no final result before the end');
  const need = page.locator('li[data-need="interpretation"]');
  assert.match(await need.textContent(), /Interpretation/);
});
