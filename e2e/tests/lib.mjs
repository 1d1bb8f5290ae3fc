// Shared helpers for haven's browser tests: start a real `haven serve` on a
// random port with a fresh data directory (and a fresh PostgreSQL database
// when HAVEN_TEST_BACKEND=postgres), and drive Debian's Chromium.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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
  const args = ['serve', '--listen', '127.0.0.1:0', '--data-dir', dir];
  if (process.env.HAVEN_TEST_BACKEND === 'postgres') args.push('--database-url', freshPostgresUrl());
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

/** Signs in; on first sign-in replaces the one-time password. */
export async function signIn(page, url, username, password, newPassword) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (page.url().endsWith('/password')) {
    await page.getByLabel('New password (at least 12 characters)').fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Save password' }).click();
  }
}
