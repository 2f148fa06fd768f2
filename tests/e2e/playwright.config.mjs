// End-to-end tests drive the release build in Debian's headless Chromium.
// The app is served from a sub-path (/kartoteka/), as a static host would.
import { defineConfig } from '@playwright/test';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
// Another port lets two checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 8181);

export default defineConfig({
  testDir: '.',
  outputDir: path.join(root, 'target/e2e-results'),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  webServer: {
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory target/e2e-site`,
    cwd: root,
    url: `http://127.0.0.1:${port}/kartoteka/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'ignore',
  },
  use: {
    baseURL: `http://127.0.0.1:${port}/kartoteka/`,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
