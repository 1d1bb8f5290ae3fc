// R16: an immigration officer signs in and finds no way to any person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven, launchBrowser, screenshot, signIn } from './lib.mjs';

let haven;
let browser;
const NAME = 'Firewall Testperson Mya';
let personId;
let caseId;
let officerPassword;

before(async () => {
  haven = await startHaven();
  browser = await launchBrowser();
  // An assistance caseworker records a person through the API.
  const cwPassword = haven.cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw1').trim().split('\n').pop();
  assert.ok(cwPassword);
  const token = haven.cli('token', 'create', '--user', 'cw1').trim().split('\n').pop();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let res = await fetch(`${haven.url}/api/v1/persons`, {
    method: 'POST', headers,
    body: JSON.stringify({ full_name: NAME, location: 'immigration_detention', notes: 'escaped from a compound' }),
  });
  personId = (await res.json()).id;
  res = await fetch(`${haven.url}/api/v1/persons/${personId}/cases`, { method: 'POST', headers, body: '{}' });
  caseId = (await res.json()).id;
  haven.cli('org', 'create', '--name', 'Immigration Bureau', '--kind', 'immigration', '--country', 'THA');
  officerPassword = haven.cli('user', 'create', '--org', 'Immigration Bureau', '--role', 'caseworker', '--username', 'officer1').trim().split('\n').pop();
});

after(async () => {
  await browser?.close();
  await haven?.stop();
});

test('r16 an immigration user signs in and finds no way to any person', async () => {
  const page = await browser.newPage({ locale: 'en-GB' });
  await signIn(page, haven.url, 'officer1', officerPassword, 'officer-long-passphrase-1');
  assert.match(page.url(), /\/inbox$/);
  assert.equal(await page.locator('h1').textContent(), 'Inbox');
  const nav = await page.locator('nav[aria-label="main"]').textContent();
  assert.ok(!nav.includes('People') && !nav.includes('New person'), nav);
  await screenshot(page, 'inbox-enforcement');

  for (const path of ['/persons', `/persons/${personId}`, `/cases/${caseId}`, '/persons/new', '/review', '/audit', `/persons?q=firewall`]) {
    const res = await page.goto(`${haven.url}${path}`);
    assert.ok([403, 404].includes(res.status()), `${path} answered ${res.status()}`);
    const html = await page.content();
    assert.ok(!html.includes('Firewall') && !html.includes('Testperson') && !html.includes('compound'), `${path} leaks`);
  }
  // The API is closed to them too.
  const api = await page.request.get(`${haven.url}/api/v1/persons/${personId}`);
  assert.ok([401, 403, 404].includes(api.status()));
  assert.ok(!(await api.text()).includes('Firewall'));
});
