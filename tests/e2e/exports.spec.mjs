// The list's export formats beyond UTF-8 CSV: Windows-1251 and .xlsx.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { openApp } from './helpers.mjs';

async function addPerson(page, surname, name) {
  await page.goto('./#/new');
  await page.getByTestId('field-surname').fill(surname);
  await page.getByTestId('field-name').fill(name);
  await page.getByTestId('field-phone').fill('89289218401');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-name')).toHaveText(`${surname} ${name}`);
}

test('Windows-1251 names the characters it lacks and offers UTF-8 instead', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ёлкина', 'Анна');
  await page.goto('./#/');
  await page.getByTestId('export-preset').selectOption('windows1251');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toBe('kartoteka-2026-12-03.csv');
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 4)]).toEqual([0xd2, 0xe8, 0xef, 0x3b]); // "Тип;"
  expect(new TextDecoder('windows-1251').decode(bytes)).toContain(';Ёлкина;Анна;');

  await addPerson(page, 'Müller', 'Zoë');
  await page.goto('./#/');
  await page.getByTestId('export-csv').click();
  const problem = page.getByTestId('export-problem');
  await expect(problem).toBeVisible();
  // The list is sorted by name, so Müller is the first record, on row 2.
  await expect(page.getByTestId('unencodable')).toHaveText([
    'Строка 2 (Müller Zoë), «Фамилия»: «ü» (U+00FC)',
    'Строка 2 (Müller Zoë), «Имя»: «ë» (U+00EB)',
  ]);
  await page.screenshot({ path: '/tmp/exports-unencodable.png', fullPage: true });
  const [utf8] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-utf8').click(),
  ]);
  const text = fs.readFileSync(await utf8.path());
  expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(text.toString('utf8')).toContain(';Müller;Zoë;');
  await expect(problem).toHaveCount(0);
  // The choice stays Windows-1251; cancelling writes nothing.
  await page.getByTestId('export-csv').click();
  await page.getByTestId('export-cancel').click();
  await expect(problem).toHaveCount(0);
});

test('an .xlsx export is a workbook the import reads back', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ёлкина', 'Анна');
  await page.goto('./#/');
  await page.getByTestId('export-preset').selectOption('xlsx');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toBe('kartoteka-2026-12-03.xlsx');
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles({
    name: 'kartoteka.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: fs.readFileSync(file),
  });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview).toContainText('Ёлкина');
  await expect(preview).toContainText('89289218401');
});
