// Growing the base from what people have: four real-world exports one after
// another, a repeated import that adds nothing, an import taken back, and
// duplicates merged and un-merged.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { count, fixture, importFile, openApp, search, storedContacts } from './helpers.mjs';

const coreFixture = (name) => path.resolve(import.meta.dirname, '../../core/tests/fixtures', name);

/** Accepts the confirmation the next click asks for. */
function acceptNextDialog(page) {
  page.once('dialog', (dialog) => dialog.accept());
}

async function baseCount(page) {
  await page.goto('./#/');
  return count(page);
}

test('four exports, a repeated one, and the last import undone', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await importFile(page, fixture('excel_ru_cp1251.csv'));
  const afterExcel = await baseCount(page);
  expect(afterExcel).toBeGreaterThanOrEqual(1516);

  // The Google file names no channel: one is set for the whole import.
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(coreFixture('google_contacts.csv'));
  await page.getByTestId('import-channel').fill('Контакты Google, 2026-12');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  const afterGoogle = await baseCount(page);
  expect(afterGoogle).toBeGreaterThan(afterExcel);
  const fromGoogle = (await storedContacts(page)).filter((c) => c.source === 'Контакты Google, 2026-12');
  expect(fromGoogle.length).toBeGreaterThan(700);

  await importFile(page, coreFixture('bitrix24_contacts.csv'));
  const afterBitrix = await baseCount(page);
  expect(afterBitrix).toBeGreaterThan(afterGoogle);

  await importFile(page, coreFixture('amocrm_export.csv'));
  const afterAmo = await baseCount(page);
  expect(afterAmo).toBeGreaterThan(afterBitrix);

  // The same file again: everything matches, nothing is added.
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(coreFixture('amocrm_export.csv'));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', '0', { timeout: 60_000 });
  expect(await baseCount(page)).toBe(afterAmo);

  // One record the amoCRM import created is edited afterwards: the undo keeps it.
  await page.goto('./#/');
  await search(page, 'german1975@npo.biz');
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await page.getByTestId('contact-row').first().click();
  await page.getByTestId('edit').click();
  await page.getByTestId('field-position').fill('Коммерческий директор');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('edit')).toBeVisible();
  await search(page, '');

  await page.goto('./#/import');
  const rows = page.getByTestId('journal-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('amocrm_export.csv');
  await expect(rows.nth(2)).toContainText('bitrix24_contacts.csv');
  await expect(rows.nth(3)).toContainText('Контакты Google, 2026-12');

  // Undo the real amoCRM import (the second entry; the repeat changed nothing).
  acceptNextDialog(page);
  await rows.nth(1).getByTestId('journal-undo').click();
  await expect(page.getByTestId('undo-report')).toBeVisible();
  await expect(rows.nth(1).getByTestId('journal-undone')).toBeVisible();
  await expect(rows.nth(1).getByTestId('journal-undo')).toHaveCount(0);
  const kept = page.getByTestId('undo-kept');
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText('Фролов Лазарь');
  await expect(kept).toContainText('изменена после импорта');
  expect(await baseCount(page)).toBe(afterBitrix + 1);
  const left = (await storedContacts(page)).filter((c) => c.emails.some((e) => e.value === 'german1975@npo.biz'));
  expect(left.map((c) => c.position)).toEqual(['Коммерческий директор']);
});

test('duplicates in the base are merged field by field, and the merge is undone', async ({ page }) => {
  await openApp(page);
  // Two people entered twice in one sheet are kept apart by default.
  await importFile(page, fixture('excel_ru_cp1251.csv'));
  const before = await baseCount(page);

  await page.getByTestId('nav-duplicates').click();
  const pairs = page.getByTestId('pair-row');
  await expect(page.getByTestId('duplicates-count')).toContainText('16');
  await expect(pairs).toHaveCount(16);
  const names = await pairs.first().locator('.primary').allTextContents();
  await pairs.first().getByTestId('pair-compare').click();
  const view = page.getByTestId('merge-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('merge-kept')).toHaveText(names[0]);
  // Where the two disagree, the other record's value can be taken.
  const choices = view.getByTestId('merge-choice');
  const differing = await choices.count();
  let taken = null;
  if (differing > 0) {
    const other = choices.first().getByTestId('merge-take-other');
    taken = (await other.locator('xpath=..').innerText()).trim();
    await other.check();
  }
  await page.getByTestId('merge-run').click();
  await expect(view).toHaveCount(0);
  await expect(pairs).toHaveCount(15);
  expect(await baseCount(page)).toBe(before - 1);
  // The merged card holds the value taken from the other record.
  await search(page, names[0]);
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  if (taken) {
    await page.getByTestId('contact-row').first().click();
    await expect(page.getByTestId('contact-panel')).toContainText(taken);
  }
  await search(page, '');

  await page.getByTestId('nav-duplicates').click();
  const journal = page.getByTestId('journal-row');
  await expect(journal).toHaveCount(1);
  acceptNextDialog(page);
  await journal.first().getByTestId('journal-undo').click();
  await expect(page.getByTestId('undo-report')).toContainText('возвращено записей — 2');
  await expect(pairs).toHaveCount(16);
  expect(await baseCount(page)).toBe(before);
});

test('typing a phone or e-mail the base already has warns, with a link to the record', async ({ page }) => {
  await openApp(page);
  await importFile(page, fixture('excel_ru_cp1251.csv'));
  const someone = (await storedContacts(page)).find((c) => c.kind === 'person' && c.phones.length && c.emails.length);
  const name = [someone.surname, someone.name, someone.patronymic].filter(Boolean).join(' ');

  await page.goto('./#/new');
  await expect(page.getByTestId('contact-form')).toBeVisible();
  await expect(page.getByTestId('duplicate-hint')).toHaveCount(0);
  // Typed another way than stored: the digits are what counts.
  const digits = someone.phones[0].value.replace(/\D/g, '').slice(-10);
  await page.getByTestId('field-phone').fill(`8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`);
  const hint = page.getByTestId('duplicate-hint');
  await expect(hint).toHaveCount(1);
  await expect(hint).toContainText('тот же телефон');
  await expect(page.getByTestId('duplicate-hint-link')).toHaveText(name);
  await page.getByTestId('field-email').fill(someone.emails[0].value.toUpperCase());
  await expect(hint).toHaveCount(2);
  await expect(hint.nth(1)).toContainText('тот же e-mail');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('duplicate-hint-link').first().click();
  await expect(page.getByTestId('card-name')).toHaveText(name);
});
