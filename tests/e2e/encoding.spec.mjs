// The encoding of the import preview: detected, shown by its common name,
// and changed by the user, the preview following at once.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { fixture, openApp, storedContacts } from './helpers.mjs';

const CP1251 = fixture('encoding_ru_cp1251.csv');

/** The text the file's Windows-1251 bytes of `word` make when read as KOI8-R. */
function asKoi8(word) {
  const bytes = fs.readFileSync(CP1251);
  const text = new TextDecoder('windows-1251').decode(bytes);
  const at = text.indexOf(word);
  // Single-byte encodings: a character's index is its byte's.
  return new TextDecoder('koi8-r').decode(bytes.subarray(at, at + word.length));
}

async function choose(page) {
  await openApp(page);
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(CP1251);
  await expect(page.getByTestId('import-encoding')).toHaveText('Windows-1251');
  await expect(page.getByTestId('import-encoding-note')).toHaveText('определена по файлу');
}

test('switching the encoding re-reads the preview, and back again', async ({ page }) => {
  await choose(page);
  const first = page.getByTestId('preview-row').first();
  await expect(first).toContainText('Кузьмин Филарет Арсенович');
  await expect(page.getByTestId('import-unreadable')).toHaveCount(0);

  const koi8 = asKoi8('Кузьмин');
  expect(koi8).not.toBe('Кузьмин');
  await page.getByTestId('import-encoding-choice').selectOption('KOI8-R');
  await expect(page.getByTestId('import-encoding')).toHaveText('KOI8-R');
  await expect(page.getByTestId('import-encoding-note')).toContainText('выбрана вручную, по файлу — Windows-1251');
  await expect(first).toContainText(koi8);
  await expect(first).not.toContainText('Кузьмин');
  // The columns still hold what they held, though their headers now read as nonsense.
  await expect(page.getByTestId('import-to-import')).toHaveAttribute('data-count', '3');
  await page.screenshot({ path: '/tmp/pv/encoding-koi8.png', fullPage: true });

  await page.getByTestId('import-encoding-choice').selectOption('windows-1251');
  await expect(page.getByTestId('import-encoding')).toHaveText('Windows-1251');
  await expect(first).toContainText('Кузьмин Филарет Арсенович');
  await expect(page.getByTestId('import-layout')).toHaveText('Таблица Excel (русские заголовки)');

  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-stored', '3');
  await page.getByTestId('import-to-list').click();
  await expect(page.getByTestId('contact-row').filter({ hasText: 'Полякова Нинель Святославовна' })).toBeVisible();
});

test('the import stores the text as read in the chosen encoding', async ({ page }) => {
  await choose(page);
  await page.getByTestId('import-encoding-choice').selectOption('KOI8-R');
  await expect(page.getByTestId('import-encoding')).toHaveText('KOI8-R');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-stored', '3');
  const surnames = (await storedContacts(page)).map((c) => c.surname).sort();
  expect(surnames).toContain(asKoi8('Соколов'));
  expect(surnames).not.toContain('Соколов');
});

test('damaged UTF-8 is read as UTF-8 and its unreadable rows are named', async ({ page }) => {
  await openApp(page);
  await page.goto('./#/import');
  const rows = [
    'Фамилия;Имя;Телефон',
    'Иванов;Иван;8 900 000-00-01',
    'Петров;Пётр;8 900 000-00-02',
    'Сидоров;Сидор;8 900 000-00-03',
  ].join('\r\n');
  const bytes = Buffer.from(rows + '\r\n', 'utf8');
  // Cut "Пётр" in the middle of its "П": one broken sequence in row 3.
  const at = bytes.indexOf(Buffer.from('Пётр', 'utf8'));
  const damaged = Buffer.concat([bytes.subarray(0, at + 1), bytes.subarray(at + 2)]);
  await page.getByTestId('import-input').setInputFiles({ name: 'damaged.csv', mimeType: 'text/csv', buffer: damaged });
  await expect(page.getByTestId('import-encoding')).toHaveText('UTF-8');
  const warning = page.getByTestId('import-unreadable');
  await expect(warning).toHaveAttribute('data-rows', '3');
  await expect(warning).toContainText('Файл в UTF-8, но часть байтов в нём повреждена');
  await expect(warning).toContainText('в строке 3. Проверьте эту строку');
  await page.screenshot({ path: '/tmp/pv/encoding-damaged.png', fullPage: true });
});
