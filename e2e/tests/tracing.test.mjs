// Family tracing between two real `haven serve` processes (issue 15, R25):
// the family's organisation records a request and sends it as codes; the
// holding organisation finds a candidate, judges it plausible and asks the
// person, who declines contact; the family is told only that the search is
// closed, and nothing of where the person is.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, pairInstallations, screenshot, signIn, startHaven } from './lib.mjs';

process.env.HAVEN_EXCHANGE_INTERVAL_MS = '300';

const ctx = { a: null, b: null, browser: null };
before(async () => {
  ctx.a = await startHaven();
  ctx.b = await startHaven();
  ctx.browser = await launchBrowser();
});
after(async () => {
  await ctx.browser?.close();
  await ctx.a?.stop();
  await ctx.b?.stop();
});

async function poll(page, url, selector, attr, value) {
  for (let i = 0; i < 80; i++) {
    await page.goto(url);
    const el = page.locator(selector);
    if ((await el.count()) && (await el.first().getAttribute(attr)) === value) return;
    await page.waitForTimeout(250);
  }
  assert.fail(`${selector} never had ${attr}=${value} at ${url}`);
}

test('r25 request, match, the person declines contact, the family is told only that the search is closed', async () => {
  pairInstallations(ctx.a, ctx.b);
  const pwA = ctx.a.cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw.origin')
    .trim().split('\n').pop();
  const pwB = ctx.b.cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw.holder')
    .trim().split('\n').pop();

  // The holding organisation has a record of her, written without diacritics.
  const holder = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(holder, ctx.b.url, 'cw.holder', pwB, 'caseworker-passphrase-holder');
  await holder.getByRole('link', { name: 'New person' }).click();
  await holder.getByLabel('Full name, as the person writes it').fill('Nguyen Thi Lan');
  await holder.locator('#date_of_birth').fill('2001-04-12');
  await holder.getByRole('button', { name: 'Save' }).click();
  const lanUrl = holder.url();

  // The family's organisation records the request with the family's consent.
  const origin = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(origin, ctx.a.url, 'cw.origin', pwA, 'caseworker-passphrase-origin');
  await origin.getByRole('link', { name: 'Tracing' }).click();
  await origin.getByText("Record a family's request").click();
  await origin.getByLabel("The missing person's names").fill('Nguyễn Thị Lan');
  await origin.locator('#tr-dob').fill('2001-04-12');
  await origin.locator('#tr-nat').fill('VNM');
  await origin.locator('#tr-place').fill('Nghệ An');
  await origin.locator('#tr-rname').fill('Trần Văn Bình');
  await origin.locator('#tr-rrel').fill('father');
  await origin.locator('#tr-rcontact').fill('+84 90 111 2222');
  // Without the family's consent nothing is kept, and nothing typed is lost.
  await origin.getByRole('button', { name: 'Record the request' }).click();
  assert.match(await origin.locator('#refusal').textContent(), /family must agree/);
  assert.equal(await origin.locator('#tr-rname').inputValue(), 'Trần Văn Bình');
  await origin.locator('#tr-consent').check();
  await origin.getByRole('button', { name: 'Record the request' }).click();
  assert.match(origin.url(), /\/tracing\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = origin.url();
  await origin.getByRole('button', { name: 'Send the request' }).click();
  assert.equal(await origin.locator('#tracing-request-status').getAttribute('data-status'), 'sent');
  await screenshot(origin, 'tracing-request-sent');

  // The holder sees an age range and a region, never the names; finds her; asks her.
  let inboundUrl = null;
  for (let i = 0; i < 80 && !inboundUrl; i++) {
    await holder.goto(`${ctx.b.url}/tracing`);
    const link = holder.locator('#tracing-inbound a');
    if (await link.count()) inboundUrl = ctx.b.url + (await link.first().getAttribute('href'));
    else await holder.waitForTimeout(250);
  }
  assert.ok(inboundUrl, 'the request never arrived');
  await holder.goto(inboundUrl);
  const context = await holder.locator('#tracing-context').textContent();
  assert.match(context, /Nghệ An/);
  assert.doesNotMatch(await holder.locator('main').textContent(), /Nguyễn|2001|Bình|\+84/);
  await holder.getByRole('button', { name: 'Look for a candidate' }).click();
  assert.equal(
    ctx.b.url + (await holder.locator('#tracing-candidate-link').getAttribute('href')),
    lanUrl,
  );
  await screenshot(holder, 'tracing-candidate');
  await holder.getByRole('button', { name: 'Plausible: I will ask the person' }).click();
  // A message is shown as the family will read it before anything leaves.
  await holder.locator('#tr-d-message').check();
  await holder.locator('#tr-text').fill('I am safe.');
  await holder.getByRole('button', { name: "Send the person's decision" }).click();
  assert.match(await holder.locator('#tracing-confirm').textContent(), /exactly what the family will read[\s\S]*I am safe\./);
  assert.equal(await holder.locator('#tracing-inbound-status').getAttribute('data-status'), 'plausible');
  // She changes her mind and declines. What the caseworker notes alongside does not leave.
  await holder.locator('#tr-d-none').check();
  await holder.locator('#tr-text').fill('She is at the Bangkok shelter');
  await holder.getByRole('button', { name: "Send the person's decision" }).click();
  assert.match(await holder.locator('#tracing-sent').textContent(), /The search is closed/);

  // The family's caseworker reads the answer and tells the family.
  await poll(origin, requestUrl, '#tracing-request-status', 'data-status', 'answered');
  assert.equal((await origin.locator('#tracing-family-notice').textContent()).trim(), 'The search is closed.');
  assert.equal(await origin.locator('#tracing-words').count(), 0);
  assert.doesNotMatch(await origin.locator('main').textContent(), /Bangkok|shelter/);
  await screenshot(origin, 'tracing-answered');
  await origin.getByRole('button', { name: 'The family has been told' }).click();
  assert.equal(await origin.locator('#tracing-request-status').getAttribute('data-status'), 'closed');
});
