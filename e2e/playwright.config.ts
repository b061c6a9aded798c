import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../core/request-header.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './helpers.ts';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const dataDir = process.env.E2E_DATA ?? mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-e2e-'));

/** Browser tests drive Debian's Chromium against a real server on a fresh embedded database with the demo district. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: path.join(import.meta.dirname, '..', 'test-results'),
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    screenshot: 'only-on-failure',
    // page.request of the tests changes data as the web client does (server/http/cross-site.ts);
    // cross-site.spec.ts turns it off to act as a page of another site.
    extraHTTPHeaders: { [REQUEST_HEADER]: REQUEST_HEADER_VALUE },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `node bin/pedmonitor.js start --port ${PORT}`,
    cwd: path.join(import.meta.dirname, '..'),
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PEDMONITOR_DATA: dataDir,
      PEDMONITOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PEDMONITOR_DEMO_PASSWORD: DEMO_PASSWORD,
      DATABASE_URL: '',
      // Every test logs in afresh from one address; the login limit is tested on the server.
      PEDMONITOR_LOGIN_MAX_ATTEMPTS: '1000',
      // websites.spec.ts serves a school site on 127.0.0.1 and crawls it: loopback is allowed here only.
      CRAWLER_ALLOW_HOSTS: '127.0.0.1',
      CRAWLER_DELAY_MS: '0',
      TZ: 'UTC',
    },
  },
});
