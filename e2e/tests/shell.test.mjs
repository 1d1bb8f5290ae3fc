// The web shell end to end, as a caseworker uses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven, launchBrowser, screenshot, signIn } from './lib.mjs';

let haven;
let browser;

before(async () => {
  haven = await startHaven();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await haven?.stop();
});

let caseworkerPassword;

/** Signs out from any page. */
async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
}

/** Reads the one-time password the administration page shows once. */
async function oneTimePassword(page) {
  return (await page.locator('code.secret').textContent()).trim();
}

test('r16 the system administrator reads no cases and makes no case account; a caseworker works only after a second administrator approves', async () => {
  const page = await browser.newPage({ locale: 'en-GB' });
  await page.goto(`${haven.url}/login`);
  await screenshot(page, 'login');
  assert.ok(haven.password, 'serve printed the one-time password');
  const secret = await signIn(page, haven.url, 'admin', haven.password, 'a-long-new-passphrase-1');
  assert.ok(secret, 'a system administrator must enrol a second factor');
  assert.match(page.url(), /\/admin$/);
  assert.equal(await page.getByRole('link', { name: 'People' }).count(), 0, 'no way to case data');
  const res = await page.goto(`${haven.url}/persons`);
  assert.equal(res.status(), 403);
  await page.goto(`${haven.url}/admin`);
  // A system administrator appoints organisation administrators, nothing else.
  const offered = await page.getByLabel('Role', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(offered, ['org_admin']);
  await page.getByLabel('Username', { exact: true }).fill('org.first');
  await page.getByRole('button', { name: 'Create' }).last().click();
  const firstPassword = await oneTimePassword(page);
  // Every administrator waits: the system administrator cannot slip two
  // administrators of their own into the organisation.
  assert.ok(await page.getByText('waits for approval: by another administrator of that organisation').isVisible());
  await page.getByLabel('Username', { exact: true }).fill('org.second');
  await page.getByRole('button', { name: 'Create' }).last().click();
  const secondPassword = await oneTimePassword(page);
  // The system administrator decides nothing about who reads cases.
  assert.equal(await page.locator('input[name="caseworkers_see_all"]').count(), 0);
  await signOut(page);
  // The organisation's first administrator is approved by the person who
  // runs the server, after checking who they are.
  assert.match(haven.cli('user', 'approve', '--username', 'org.first'), /approved/);

  // The first administrator approves the second and grants a caseworker, who waits.
  await signIn(page, haven.url, 'org.first', firstPassword, 'first-admins-long-passphrase');
  await page.goto(`${haven.url}/admin`);
  const row = (name) => page.locator('tr', { hasText: name });
  await row('org.second').getByRole('button', { name: 'Approve' }).click();
  await page.getByLabel('Username', { exact: true }).fill('cw.somchai');
  await page.getByLabel('Role', { exact: true }).selectOption('caseworker');
  await page.getByRole('button', { name: 'Create' }).last().click();
  caseworkerPassword = await oneTimePassword(page);
  assert.ok(caseworkerPassword.length >= 16);
  assert.equal(await row('cw.somchai').getByRole('button', { name: 'Approve' }).count(), 0, 'not one\'s own grant');
  await screenshot(page, 'admin');
  await signOut(page);

  // Until approved, the caseworker cannot sign in.
  await page.goto(`${haven.url}/login`);
  await page.getByLabel('Username').fill('cw.somchai');
  await page.getByLabel('Password', { exact: true }).fill(caseworkerPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.ok(await page.getByText('waiting for a second administrator').isVisible());

  // The second administrator approves.
  await signIn(page, haven.url, 'org.second', secondPassword, 'second-admins-long-passphrase');
  await page.goto(`${haven.url}/admin`);
  await row('cw.somchai').getByRole('button', { name: 'Approve' }).click();
  assert.ok(await page.getByText('The account is approved').isVisible());
  // An account that must stop working stops at once, and comes back only
  // through approval.
  await page.getByLabel('Username', { exact: true }).fill('cw.leaving');
  await page.getByLabel('Role', { exact: true }).selectOption('caseworker');
  await page.getByRole('button', { name: 'Create' }).last().click();
  await row('cw.leaving').getByRole('button', { name: 'Disable' }).click();
  assert.ok(await page.getByText('The account is disabled').isVisible());
  assert.ok(await row('cw.leaving').getByText('Disabled').isVisible());
  // On a phone the administration page fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the admin page fits a phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await row('cw.leaving').getByRole('button', { name: 'Enable again' }).click();
  assert.ok(await row('cw.leaving').getByText('Waiting for approval').isVisible());
  await signOut(page);
});

test('sign in, add a person with a Thai name, find them by a romanised search, switch to Thai', async () => {
  const page = await browser.newPage({ locale: 'en-GB' });
  await signIn(page, haven.url, 'cw.somchai', caseworkerPassword, 'another-long-passphrase-2');
  // Case workers land on their task list.
  assert.match(page.url(), /\/tasks$/);
  assert.equal(await page.locator('h1').textContent(), 'Tasks');
  await page.getByRole('link', { name: 'People' }).click();
  assert.equal(await page.locator('h1').textContent(), 'People');

  await page.getByRole('link', { name: 'New person' }).click();
  await page.getByLabel('Full name, as the person writes it').fill('สมชาย ใจดี');
  await page.getByLabel('Estimated age in years', { exact: false }).fill('19');
  await page.getByLabel('The age is uncertain').check();
  await page.getByLabel('Nationality', { exact: true }).selectOption('THA');
  await page.getByLabel('Where the person is now').selectOption('immigration_detention');
  await screenshot(page, 'person-new');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(page.url(), /\/persons\/[0-9a-f-]{36}$/);
  assert.equal(await page.locator('h1').textContent(), 'สมชาย ใจดี');
  // R02 and R13 surface on the person page.
  assert.ok(await page.getByText('may be a child').isVisible());
  assert.ok(await page.getByText('in detention').isVisible());
  await screenshot(page, 'person');
  // Every access shows on the record itself.
  assert.ok(await page.getByRole('heading', { name: 'Who accessed this record and why' }).isVisible());
  assert.ok((await page.locator('table.audit tbody tr').count()) >= 2);

  await page.getByRole('button', { name: 'Open a case' }).click();
  assert.match(page.url(), /\/cases\/[0-9a-f-]{36}$/);
  await page.getByLabel('Add a note').fill('First meeting at the detention centre; interpreter present.');
  await page.getByRole('button', { name: 'Save note' }).click();
  assert.ok(await page.getByText('interpreter present').isVisible());
  await screenshot(page, 'case');

  await page.getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Search by name').fill('somchai');
  await page.getByRole('button', { name: 'Search' }).click();
  const hit = page.locator('tbody a');
  assert.equal(await hit.count(), 1);
  assert.equal(await hit.textContent(), 'สมชาย ใจดี');
  await screenshot(page, 'persons-search');

  await page.getByLabel('Language').selectOption('th');
  await page.getByRole('button', { name: 'Change' }).click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'th');
  const heading = await page.locator('h1').textContent();
  assert.notEqual(heading, 'People');
  assert.match(heading, /[\u0E00-\u0E7F]/, 'the heading is in Thai script');
  await screenshot(page, 'persons-thai');
});

test('a wrong password is refused without saying which part was wrong', async () => {
  const page = await browser.newPage();
  await page.goto(`${haven.url}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.ok(await page.getByText('The username or password is not right, or there were too many attempts').isVisible());
  assert.match(page.url(), /\/login$/);
});

test('the web UI works without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${haven.url}/login`);
  assert.equal(await page.locator('h1').textContent(), 'Sign in');
  // Every page is under 60 KB on the wire.
  const res = await page.request.get(`${haven.url}/login`);
  assert.ok((await res.body()).length < 60 * 1024);
  await context.close();
});
