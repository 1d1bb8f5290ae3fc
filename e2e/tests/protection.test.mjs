// Return, stay and the child pathway in the browser (R20, R21, R22).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, signIn, withCaseworker } from './lib.mjs';

const ctx = withCaseworker('cw.prot');

let signedIn = false;
async function caseworker() {
  const page = await ctx.browser.newPage({ locale: 'en-GB' });
  if (!signedIn) {
    await signIn(page, ctx.haven.url, 'cw.prot', ctx.password, 'caseworker-passphrase-prot');
    signedIn = true;
  } else {
    await signIn(page, ctx.haven.url, 'cw.prot', 'caseworker-passphrase-prot');
  }
  return page;
}

async function newPerson(page, name, age) {
  await page.getByRole('link', { name: 'New person' }).click();
  await page.getByLabel('Full name, as the person writes it').fill(name);
  if (age !== undefined) {
    await page.getByLabel('Or: estimated age in years').fill(String(age));
    await page.getByLabel('The age is uncertain').check();
  }
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#protection-link').click();
  assert.match(page.url(), /\/persons\/[0-9a-f-]{36}\/protection$/);
}

test('r21 a high return risk refuses the return plan and offers stay pathways', async () => {
  const page = await caseworker();
  await newPerson(page, 'Min Thu', 34);
  await page.locator('summary', { hasText: 'Assess the risk of return' }).click();
  for (const label of ['Risk of being trafficked again', 'Reprisals from traffickers or creditors (people who claim a debt)',
    'Prosecution or punishment on return', 'Debt or ransom burden', 'Stigma in the family or community',
    'Health needs that cannot be met on return']) {
    await page.getByLabel(label).selectOption('medium');
  }
  await page.getByLabel('Persecution, conflict or insecurity in the country of origin').selectOption('high');
  await page.locator('#risk-reasons').fill('Fighting in his home township; conscription on return.');
  await page.locator('form[action$="/return_risk"]').getByRole('button', { name: 'Save' }).click();
  const blocked = page.locator('#return-blocked');
  assert.ok(await blocked.isVisible(), 'a high risk blocks return at once');
  assert.match(await blocked.textContent(), /Referral to refugee status determination/);
  assert.match(await blocked.textContent(), /Humanitarian stay/);

  // Even with consent and documents, the plan is refused and nothing is saved.
  await page.locator('summary', { hasText: 'Plan a return' }).click();
  await page.getByLabel('The person gave free, prior and informed consent to return').check();
  await page.getByLabel('Language the consent was explained in').fill('my');
  await page.getByLabel('Travel documents').selectOption('arranged');
  await page.getByLabel('Country of return (code, e.g. VNM)').fill('MMR');
  await page.getByLabel('Travel date').fill('2026-12-20');
  await page.getByLabel('Reception and reintegration contact in the country of origin').fill('Yangon reception office');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/protection/return_plan')),
    page.locator('form[action$="/return_plan"]').getByRole('button', { name: 'Save' }).click(),
  ]);
  assert.equal(response.status(), 422);
  assert.match(await page.locator('#refusal').textContent(), /return is blocked/);
  assert.equal(await page.locator('li[data-kind="return_plan"]').count(), 0);
  assert.equal(await page.locator('#plan-dest').inputValue(), 'MMR', 'the refused form keeps what was typed');
  assert.equal(await page.locator('li[data-kind="return_risk"]').getAttribute('data-status'), 'high');
  await screenshot(page, 'return-blocked');

  // Remedies: a compensation claim itemises the losses and totals them.
  await page.locator('summary', { hasText: 'Record a compensation claim' }).click();
  await page.getByLabel('Where it is claimed (court, labour tribunal, state fund)').fill('Labour court, Mae Sot');
  await page.getByLabel('Currency (code, e.g. THB)').fill('THB');
  await page.getByLabel('Unpaid wages').fill('45000');
  await page.getByLabel('Ransom paid by the family').fill('120000');
  await page.locator('form[action$="/compensation_claim"]').getByRole('button', { name: 'Save' }).click();
  const claim = page.locator('li[data-kind="compensation_claim"]');
  assert.equal(await claim.count(), 1);
  assert.match(await claim.textContent(), /Total claimed\s*165000/);
  assert.equal(await claim.getAttribute('data-status'), 'preparing');
});

test('r20 a child is given a guardian and a best-interests assessment that records their views', async () => {
  const page = await caseworker();
  // An adult of this test's own, so that the lists below need no other test.
  await newPerson(page, 'Sok Chea', 40);
  await newPerson(page, 'Srey Pov', 15);
  assert.ok(await page.locator('#child-pathway').isVisible(), 'the child pathway is shown');
  // Best interests before a guardian is refused: the child must be represented.
  await page.locator('summary', { hasText: 'Best-interests assessment' }).click();
  await page.getByLabel("The child's views, in their words (or that they chose not to give them)").fill('I want to finish school before I go home.');
  await page.getByLabel('Recommendation').selectOption('remain_in_care');
  await page.locator('#b-reasons').fill('Safe placement; family situation not yet assessed.');
  await page.locator('form[action$="/best_interests"]').getByRole('button', { name: 'Save' }).click();
  assert.match(await page.locator('#refusal').textContent(), /appoint a guardian/);
  // Nothing typed is lost: the refused form comes back open and filled in.
  assert.equal(await page.locator('#b-views').inputValue(), 'I want to finish school before I go home.');

  await page.locator('summary', { hasText: 'Guardian' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Ms Dara Chan');
  await page.getByLabel('Organisation').fill('Child Protection Unit');
  await page.locator('form[action$="/guardian"]').getByRole('button', { name: 'Save' }).click();
  assert.equal(await page.locator('li[data-kind="guardian"]').count(), 1);

  await page.locator('summary', { hasText: 'Best-interests assessment' }).click();
  await page.getByLabel("The child's views, in their words (or that they chose not to give them)").fill('I want to finish school before I go home.');
  await page.getByLabel('Recommendation').selectOption('remain_in_care');
  await page.locator('#b-reasons').fill('Safe placement; family situation not yet assessed.');
  await page.locator('form[action$="/best_interests"]').getByRole('button', { name: 'Save' }).click();
  const bia = page.locator('li[data-kind="best_interests"]');
  assert.equal(await bia.count(), 1);
  assert.match(await bia.textContent(), /I want to finish school/);
  assert.match(await bia.textContent(), /Remain in safe care/);

  // Tracing the family waits for a family risk assessment.
  await page.getByRole('button', { name: 'Start family tracing' }).click();
  assert.match(await page.locator('#refusal').textContent(), /family risk assessment/);
  await screenshot(page, 'child-pathway');

  // Child cases are listed apart from adults'.
  await page.getByRole('link', { name: 'People' }).click();
  assert.ok(await page.locator('#children-heading').isVisible());
  const children = await page.locator('table.child-cases').textContent();
  assert.match(children, /Srey Pov/);
  assert.doesNotMatch(children, /Sok Chea/, 'the adult is in the other list');
  assert.match(await page.locator('main').textContent(), /Sok Chea/);
});
