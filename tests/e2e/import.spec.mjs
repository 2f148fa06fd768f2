// Imports beyond the first file: other programs' exports, workbooks,
// broken files, and duplicates on a second import.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { companiesCreated, countKind, fixture, importFile, openApp } from './helpers.mjs';

const coreFixture = (name) => path.resolve(import.meta.dirname, '../../core/tests/fixtures', name);

function tempFile(name, bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function chooseFile(page, file) {
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(file);
}

test('a file that is not text is refused with a message, and the base is untouched', async ({ page }) => {
  await openApp(page);
  await importFile(page, fixture('excel_ru_cp1251.csv'));
  const companies = await companiesCreated(page);
  const noise = Buffer.alloc(8192);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 256;
  await chooseFile(page, tempFile('photo.csv', noise));
  await expect(page.getByTestId('import-error')).toContainText('не текстовый файл');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  await page.goto('./#/');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', String(1516 + companies));
});

test('a header without rows and an unclosed quote are explained', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, tempFile('empty.csv', 'Фамилия;Имя;Телефон\r\n'));
  await expect(page.getByTestId('import-error')).toContainText('нет ни одной строки с данными');

  const broken = 'Фамилия;Имя;Комментарий\nИванов;Иван;ok\nПетров;Пётр;"Договор № 5\nСидоров;Сидор;x\n';
  await chooseFile(page, tempFile('broken.csv', broken));
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('в строке 3');
  await expect(error).toContainText('«Комментарий»');
});

test('an Excel workbook is read directly, from the sheet that holds contacts', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, coreFixture('excel_ru.xlsx'));
  await expect(page.getByTestId('import-encoding')).toHaveText('книга Excel (.xlsx)');
  await expect(page.getByTestId('import-rows')).toHaveAttribute('data-count', '405');
  await page.getByTestId('import-confirm').click();
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-stored', '405');
  expect(await countKind(page, 'person')).toBe(405);
});

for (const [file, layout, rows] of [
  ['google_contacts.csv', 'Google Контакты', 800],
  ['bitrix24_contacts.csv', 'Битрикс24', 600],
  ['amocrm_export.csv', 'amoCRM', 700],
]) {
  test(`the ${layout} export is recognised without any mapping`, async ({ page }) => {
    await openApp(page);
    await chooseFile(page, coreFixture(file));
    await expect(page.getByTestId('import-layout')).toHaveText(layout);
    await expect(page.getByTestId('import-rows')).toHaveAttribute('data-count', String(rows));
    await page.getByTestId('import-confirm').click();
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible();
    const stored = Number(await report.getAttribute('data-stored'));
    const skipped = Number(await report.getAttribute('data-skipped'));
    expect(stored + skipped).toBe(rows);
    expect(stored).toBeGreaterThan(rows * 0.9);
  });
}

test('importing the same file twice adds nothing the second time', async ({ page }) => {
  await openApp(page);
  const first = await importFile(page, fixture('excel_ru_cp1251.csv'));
  expect(first).toEqual({ stored: 1516, skipped: 0 });

  await chooseFile(page, fixture('excel_ru_cp1251.csv'));
  await expect(page.getByTestId('policy-base-count')).toHaveAttribute('data-count', '1516');
  await expect(page.getByTestId('policy-base')).toHaveValue('skip');
  await page.getByTestId('import-confirm').click();
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-added', '0');
  await expect(report).toHaveAttribute('data-skipped', '1516');
  await expect(report).toHaveAttribute('data-companies', '0');
  expect(await countKind(page, 'person')).toBe(1516);
});

test('people typed twice in one file are flagged, and can be merged instead', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, fixture('excel_ru_cp1251.csv'));
  await expect(page.getByTestId('policy-file-count')).toHaveAttribute('data-count', '16');
  await page.getByTestId('policy-file').selectOption('fill');
  await page.getByTestId('import-confirm').click();
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-added', '1500');
  await expect(report).toHaveAttribute('data-duplicates', '16');
  await expect(page.getByTestId('import-duplicate-row')).toHaveCount(16);
  await expect(page.getByTestId('import-duplicate-row').first()).toContainText('повтор строки 7');
  await expect(page.getByTestId('import-duplicate-row').first()).toContainText('тот же телефон');
  expect(await countKind(page, 'person')).toBe(1500);
});
