// Shared helpers for haven's browser tests: start a real `haven serve` on a
// random port with a fresh data directory (and a fresh PostgreSQL database
// when HAVEN_TEST_BACKEND=postgres), and drive Debian's Chromium.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const screensDir = path.join(repoRoot, 'docs', 'screens');
const bin = process.env.HAVEN_BIN || path.join(repoRoot, 'target', 'debug', 'haven');

function freshPostgresUrl() {
  const admin = process.env.HAVEN_TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `haven_test_e2e_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`]);
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

export async function startHaven() {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-e2e-'));
  const dataArgs = ['--data-dir', dir];
  if (process.env.HAVEN_TEST_BACKEND === 'postgres') dataArgs.push('--database-url', freshPostgresUrl());
  const args = ['serve', '--listen', '127.0.0.1:0', ...dataArgs];
  const env = { ...process.env };
  delete env.HAVEN_MASTER_KEY_FILE;
  const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  let password = null;
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('haven did not start')), 20000);
    child.on('exit', (code) => reject(new Error(`haven exited with ${code}`)));
    lines.on('line', (line) => {
      const pw = line.match(/one-time password: (\S+)/);
      if (pw) password = pw[1];
      const m = line.match(/listening on (\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return {
    url,
    password,
    dir,
    /** Runs an administration command against this server's data; returns stdout. */
    cli(...cmd) {
      return execFileSync(bin, [...cmd, ...dataArgs], { env, encoding: 'utf8' });
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page, name) {
  // Screens are documentation: refresh them from the SQLite run only.
  if (process.env.HAVEN_TEST_BACKEND === 'postgres') return;
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: path.join(screensDir, `${name}.png`), fullPage: true });
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it. */
export function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

/** Signs in; enrols the second factor and replaces the one-time password when asked. */
export async function signIn(page, url, username, password, newPassword) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  let secret = null;
  if (page.url().endsWith('/account/second-factor')) {
    secret = (await page.locator('#secret').textContent()).trim();
    await page.getByLabel('Six-digit code').fill(totp(secret));
    await page.getByRole('button', { name: 'Continue' }).click();
    // Enrolment ends on the recovery codes, shown once.
    await page.locator('#recovery-codes').waitFor();
    await page.locator('#recovery-continue').click();
  }
  if (page.url().endsWith('/password')) {
    await page.getByLabel('Current password (or the one-time password you were given)').fill(password);
    await page.getByLabel('New password (at least 12 characters)').fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Save password' }).click();
  }
  return secret;
}

/**
 * Registers before/after hooks that start haven and Chromium and create one
 * caseworker in "Local organisation". Returns an object whose `haven`,
 * `browser` and `password` (the caseworker's one-time password) are set once
 * the `before` hook has run.
 */
export function withCaseworker(username) {
  const ctx = { haven: null, browser: null, password: null };
  before(async () => {
    ctx.haven = await startHaven();
    ctx.browser = await launchBrowser();
    ctx.password = ctx.haven
      .cli('user', 'create', '--org', 'Local organisation', '--role', 'caseworker', '--username', username)
      .trim().split('\n').pop();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.haven?.stop();
  });
  return ctx;
}

/** The fingerprint an installation's administrator reads out to a partner. */
export function fingerprint(haven) {
  return haven.cli('node', 'show').split('\n').find((l) => l.startsWith('fingerprint: ')).slice('fingerprint: '.length);
}

/** Two installations exchange cards the way two administrators would, fingerprints read out of band. */
export function pairInstallations(a, b) {
  const cardA = path.join(a.dir, 'card-a.json');
  const cardB = path.join(b.dir, 'card-b.json');
  a.cli('node', 'card', '--out', cardA);
  b.cli('node', 'card', '--out', cardB);
  b.cli('partner', 'add', '--card', cardA, '--fingerprint', fingerprint(a));
  a.cli('partner', 'add', '--card', cardB, '--fingerprint', fingerprint(b));
}
