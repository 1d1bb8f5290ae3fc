// Cross-border exchange between two real `haven serve` processes on
// loopback, in the browser: the Thai sender proposes a transfer from the
// person's file, the pusher delivers it, the Vietnamese receiver accepts it
// into a case, and the sender sees the answer (R24).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, pairInstallations, screenshot, signIn, startHaven } from './lib.mjs';

// Deliver quickly: the outbox is pushed every 300 ms in this test.
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

async function waitForStatus(page, url, status) {
  for (let i = 0; i < 60; i++) {
    await page.goto(url);
    if ((await page.locator('#xfer-status').getAttribute('data-status')) === status) return;
    await page.waitForTimeout(250);
  }
  assert.fail(`transfer never reached ${status}`);
}

test('r24 a transfer goes from the sender\'s page to the receiver\'s accept and back', async () => {
  pairInstallations(ctx.a, ctx.b);
  const pwA = ctx.a.cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw.th')
    .trim().split('\n').pop();
  const pwB = ctx.b.cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', 'cw.vn')
    .trim().split('\n').pop();

  const sender = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(sender, ctx.a.url, 'cw.th', pwA, 'caseworker-passphrase-th');
  await sender.getByRole('link', { name: 'New person' }).click();
  await sender.getByLabel('Full name, as the person writes it').fill('Trần Văn Minh');
  await sender.getByRole('button', { name: 'Save' }).click();
  const personUrl = sender.url();
  // The consent names the partner's organisation, marked with its node.
  await sender.getByText('Record a new consent').click();
  await sender.locator('#c-purpose').selectOption('cross_border_transfer');
  const partnerOrg = sender.locator('#c-recipient option', { hasText: 'Local organisation · ' });
  await sender.locator('#c-recipient').selectOption(await partnerOrg.getAttribute('value'));
  await sender.getByLabel('Identity', { exact: true }).check();
  await sender.locator('#c-language').fill('vi');
  await sender.getByRole('button', { name: 'Save consent' }).click();

  await sender.goto(personUrl);
  await sender.locator('#transfers-link').click();
  await sender.locator('#xfer-purpose').selectOption('return_reintegration');
  await sender.getByRole('button', { name: 'Send the transfer' }).click();
  assert.match(sender.url(), /\/transfers\/[0-9a-f-]{36}$/);
  const transferUrl = sender.url();
  await waitForStatus(sender, transferUrl, 'delivered');
  await screenshot(sender, 'transfer-sent');

  const receiver = await ctx.browser.newPage({ locale: 'en-GB' });
  await signIn(receiver, ctx.b.url, 'cw.vn', pwB, 'caseworker-passphrase-vn');
  await receiver.getByRole('link', { name: 'Transfers' }).click();
  await receiver.getByRole('link', { name: 'Trần Văn Minh' }).click();
  assert.match(await receiver.locator('#xfer-arrived').textContent(), /Trần Văn Minh/);
  await screenshot(receiver, 'transfer-received');
  await receiver.locator('#xfer-accept').click();
  assert.match(receiver.url(), /\/persons\/[0-9a-f-]{36}$/);
  assert.match(await receiver.locator('main h1').textContent(), /Trần Văn Minh/);

  const back = transferUrl.replace(ctx.a.url, ctx.a.url);
  await waitForStatus(sender, back, 'accepted');

  // The receiver tells the sender the person needs help: a status word, nothing more.
  const transferId = transferUrl.split('/').pop();
  await receiver.goto(`${ctx.b.url}/transfers/${transferId}`);
  await receiver.getByLabel('Needs help').check();
  await receiver.getByRole('button', { name: 'Send the follow-up' }).click();
  assert.match(await receiver.locator('#xfer-follow-ups').textContent(), /Needs help/);
  // The sender's task list flags it and leads to the transfer.
  for (let i = 0; i < 60; i++) {
    await sender.goto(`${ctx.a.url}/tasks`);
    if (await sender.locator('li[data-kind="transfer_needs_help"]').count()) break;
    await sender.waitForTimeout(250);
  }
  const task = sender.locator('li[data-kind="transfer_needs_help"]');
  assert.match(await task.textContent(), /Trần Văn Minh/);
  await screenshot(sender, 'transfer-needs-help-task');
  await task.getByRole('link').click();
  assert.equal(sender.url(), transferUrl);
  assert.equal(await sender.locator('#xfer-follow-ups li').getAttribute('data-status'), 'needs_help');
});
