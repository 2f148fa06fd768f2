// Shared steps of the end-to-end specs.
import { expect } from '@playwright/test';
import path from 'node:path';

export const fixture = (name) => path.resolve(import.meta.dirname, '../fixtures', name);

/** The fixtures' dates age; every spec runs on the same "today". */
export const TODAY = new Date('2026-12-03T12:00:00+03:00');

export async function openApp(page, hash = '') {
  await page.clock.setFixedTime(TODAY);
  await page.goto(`./${hash}`);
  await expect(page.getByTestId('loading')).toHaveCount(0);
}

/** Imports a file through the wizard and returns the report's numbers. */
export async function importFile(page, file) {
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-confirm').click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  return {
    stored: Number(await report.getAttribute('data-stored')),
    skipped: Number(await report.getAttribute('data-skipped')),
  };
}

/** How many company records the last import created, from its report. */
export async function companiesCreated(page) {
  return Number(await page.getByTestId('import-report').getAttribute('data-companies'));
}

/**
 * How many records of one kind ("person", "company") the list shows, through
 * the list's own type filter, which is put back to "any" afterwards.
 */
export async function countKind(page, kind) {
  await page.goto('./#/');
  const select = page.getByTestId('filter-kind');
  if (!(await select.isVisible())) await page.getByTestId('more-filters').click();
  await select.selectOption(kind);
  const shown = await count(page);
  await select.selectOption('');
  return shown;
}

export async function count(page) {
  return Number(await page.getByTestId('contact-count').getAttribute('data-count'));
}

export async function search(page, query) {
  const box = page.getByTestId('search');
  await box.fill(query);
}

/** Every stored contact, read straight from IndexedDB, ids and revisions aside. */
export async function storedContacts(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('kartoteka');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const chunks = await new Promise((resolve, reject) => {
      const request = db.transaction('chunks').objectStore('chunks').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const all = chunks.flatMap((json) => JSON.parse(json));
    // Ids are made anew on every device; a link is compared by the name it points to.
    const names = new Map(all.map((c) => [c.id, c.company]));
    return all.map(({ id, rev, company_id, ...rest }) => ({
      ...rest,
      company_id: company_id === null ? null : names.get(company_id) ?? 'missing',
    }));
  });
}

/** Empties the base the way a new browser profile would have it. */
export async function wipeBase(page) {
  await page.evaluate(async () => {
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase('kartoteka');
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
      request.onblocked = resolve;
    });
  });
}
