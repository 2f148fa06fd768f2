// After its first visit the app needs no server: the service worker keeps
// every file of the build. A newer build is offered, never forced.
//
// The browser's offline switch does not cover the worker's own fetches, so
// these tests serve the site themselves and really stop the server.
import { test, expect } from '@playwright/test';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { count, fixture, importFile, openApp, search } from './helpers.mjs';

const SITE = path.resolve(import.meta.dirname, '../../target/e2e-site');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves target/e2e-site on a free port; `change(name, body)` may answer a
 * file with other contents. Returns the app's address and a way to stop.
 */
async function serveSite(change = (name, body) => body) {
  const server = http.createServer(async (request, response) => {
    let name = decodeURIComponent(new URL(request.url, 'http://site').pathname);
    if (name.endsWith('/')) name += 'index.html';
    const file = path.join(SITE, path.normalize(name));
    try {
      const body = change(name, await fs.readFile(file));
      response.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/kartoteka/`,
    stop: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

async function openPage(browser, site) {
  const context = await browser.newContext({
    baseURL: site.url,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  return context.newPage();
}

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

test('after the first visit the app opens and works with the server stopped', async ({ browser }) => {
  const site = await serveSite();
  const page = await openPage(browser, site);
  await openApp(page);
  await controlled(page);
  // The first worker of a device is no update.
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  await site.stop();
  // Really no server: a file the worker does not keep is out of reach.
  const probe = () => fetch('not-in-the-build.txt').then(() => 'served', () => 'unreachable');
  expect(await page.evaluate(probe)).toBe('unreachable');

  await page.reload();
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expect(page.getByTestId('empty-state')).toBeVisible();

  const { stored, skipped } = await importFile(page, fixture('excel_ru_cp1251.csv'));
  expect(stored + skipped).toBe(1516);
  expect(stored).toBe(1516);
  await page.getByTestId('import-to-list').click();
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
  const imported = await count(page);
  expect(imported).toBeGreaterThan(1516);

  await search(page, 'Кузьмин Филарет Арсенович');
  await expect(page.getByTestId('row-name')).toHaveText(['Кузьмин Филарет Арсенович']);

  await page.goto('./#/new');
  await page.getByTestId('field-surname').fill('Оффлайнова');
  await page.getByTestId('field-name').fill('Вера');
  await page.getByTestId('field-phone').first().fill('8 900 000-00-07');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-name')).toHaveText('Оффлайнова Вера');

  // Still without a server, the new record is in the base after a reload.
  await page.reload();
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', String(imported + 1));
  await search(page, 'Оффлайнова');
  await expect(page.getByTestId('row-name')).toHaveText(['Оффлайнова Вера']);
  expect(await page.evaluate(probe)).toBe('unreachable');
  await page.context().close();
});

test('a newer build is offered in a banner and loaded only when the user asks', async ({ browser }) => {
  // Build B: another index.html, and a worker whose file list says so.
  const workerA = await fs.readFile(path.join(SITE, 'kartoteka/sw.js'), 'utf8');
  const workerB = workerA.replace(
    /"revision":"[0-9a-f]+","url":"index\.html"/,
    '"revision":"build-b","url":"index.html"',
  );
  expect(workerB).not.toBe(workerA);
  let build = 'A';
  const site = await serveSite((name, body) => {
    if (build === 'A') return body;
    if (name === '/kartoteka/sw.js') return workerB;
    if (name === '/kartoteka/index.html') {
      return String(body).replace('<head>', '<head><meta name="build" content="B" />');
    }
    return body;
  });
  const page = await openPage(browser, site);
  await openApp(page);
  await controlled(page);
  await page.evaluate(() => {
    window.sessionMark = 'open';
  });

  build = 'B';
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
  });
  const banner = page.getByTestId('update-banner');
  await expect(banner).toContainText('Доступна новая версия');
  await expect(page.getByTestId('update-reload')).toHaveText('Обновить');
  // The new build waits; the open session is the same page, on build A.
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null);
  expect(await page.evaluate(() => window.sessionMark)).toBe('open');
  await expect(page.locator('meta[name="build"]')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/kartoteka-update-banner.png' });

  await page.getByTestId('update-reload').click();
  await expect(page.locator('meta[name="build"]')).toHaveAttribute('content', 'B');
  await expect(page.getByTestId('loading')).toHaveCount(0);
  expect(await page.evaluate(() => window.sessionMark)).toBeUndefined();
  await expect(banner).toHaveCount(0);
  await page.context().close();
  await site.stop();
});
