// A backup of the whole base, and a restore that replaces it, or refuses a
// file it cannot read and leaves the base as it was.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, storedContacts } from './helpers.mjs';

async function addPerson(page, surname, name, phone) {
  await page.goto('./#/new');
  await page.getByTestId('field-surname').fill(surname);
  await page.getByTestId('field-name').fill(name);
  await page.getByTestId('field-company').fill('ООО «Вектор»');
  await page.getByTestId('field-phone').fill(phone);
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-name')).toHaveText(`${surname} ${name}`);
}

/** Opens the record with this text in the list. */
async function openRecord(page, text) {
  await page.goto('./#/');
  await page.getByTestId('contact-row').filter({ hasText: text }).click();
  await expect(page.getByTestId('card-name')).toContainText(text);
}

/** Moves the record to the bin, and waits for the list to show it gone. */
async function deleteRecord(page, text) {
  await openRecord(page, text);
  await page.getByTestId('delete').click();
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('contact-row').filter({ hasText: text })).toHaveCount(0);
}

/** The meta store's keys, straight from IndexedDB. */
async function metaKeys(page, add) {
  return page.evaluate(async (add) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('kartoteka');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (add) {
      await new Promise((resolve, reject) => {
        const tx = db.transaction('meta', 'readwrite');
        tx.objectStore('meta').put('{"ids":[]}', add);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    }
    const keys = await new Promise((resolve, reject) => {
      const request = db.transaction('meta').objectStore('meta').getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return keys;
  }, add);
}

const sorted = (contacts) => contacts.map((c) => JSON.stringify(c)).sort();

test('a backup brings back the records, the bin and the settings it was made with', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Полякова', 'Нинель', '8 (916) 123-45-67');
  await addPerson(page, 'Сидорова', 'Анна', '+7 900 000-00-02');
  await addPerson(page, 'Удальцов', 'Пётр', '+7 900 000-00-03');
  // One record waits in the recycle bin, which the backup must carry too.
  await deleteRecord(page, 'Удальцов');
  await page.goto('./#/settings');
  await page.getByTestId('manager-name').fill('Анна Менеджер');
  await page.getByTestId('manager-add').click();
  await expect(page.getByTestId('manager')).toHaveCount(1);

  const before = await storedContacts(page);
  expect(before).toHaveLength(4); // three people and their company
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('backup-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('kartoteka-backup-2026-12-03.json');
  const backup = await download.path();
  const json = JSON.parse(fs.readFileSync(backup, 'utf8'));
  expect(json.format).toBe('kartoteka-backup');
  expect(json.schema).toBe(2);
  expect(json.contacts).toHaveLength(4);

  // Changes after the backup: an edit, a delete, a record more, a manager less,
  // and a key of the meta store that the restore must clear.
  await openRecord(page, 'Полякова');
  await page.getByTestId('edit').click();
  await page.getByTestId('field-surname').fill('Полякова-Новая');
  await page.getByTestId('save').click();
  await deleteRecord(page, 'Сидорова');
  await addPerson(page, 'Лишний', 'Иван', '+7 900 000-00-04');
  await page.goto('./#/settings');
  await page.getByTestId('manager').getByRole('button').click();
  await expect(page.getByTestId('manager')).toHaveCount(0);
  expect(await metaKeys(page, 'batch:2026-12-03')).toContain('batch:2026-12-03');
  const changed = await storedContacts(page);
  expect(sorted(changed)).not.toEqual(sorted(before));

  await page.getByTestId('backup-input').setInputFiles(backup);
  const preview = page.getByTestId('backup-preview');
  await expect(preview).toContainText('Копия сделана 03.12.2026');
  await expect(page.getByTestId('backup-records')).toHaveAttribute('data-incoming', '4');
  await expect(page.getByTestId('backup-records')).toHaveAttribute('data-current', '5');
  await expect(page.getByTestId('backup-in-bin')).toHaveAttribute('data-incoming', '1');
  await expect(page.getByTestId('backup-in-bin')).toHaveAttribute('data-current', '2');
  await page.screenshot({ path: '/tmp/exports-backup-preview.png', fullPage: true });
  await page.getByTestId('backup-restore').click();
  await expect(page.getByTestId('backup-restored')).toContainText('записей — 4');
  await expect(page.getByTestId('manager')).toHaveCount(1);
  await expect(page.getByTestId('manager')).toContainText('Анна Менеджер');

  expect(sorted(await storedContacts(page))).toEqual(sorted(before));
  expect((await metaKeys(page)).sort()).toEqual(['schema', 'settings']);
  await page.reload();
  await expect(page.getByTestId('loading')).toHaveCount(0);
  expect(sorted(await storedContacts(page))).toEqual(sorted(before));
  await page.goto('./#/');
  await expect(page.getByTestId('contact-row').filter({ hasText: 'Полякова Нинель' })).toHaveCount(1);
  await expect(page.getByTestId('contact-row').filter({ hasText: 'Сидорова' })).toHaveCount(1);
  await expect(page.getByTestId('contact-row').filter({ hasText: 'Лишний' })).toHaveCount(0);
  await page.goto('./#/bin');
  await expect(page.getByTestId('bin-row')).toHaveCount(1);
  await expect(page.getByTestId('bin-row')).toContainText('Удальцов');
});

test('a backup of a newer data format, or another file, is refused and the base stays', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Полякова', 'Нинель', '8 (916) 123-45-67');
  await page.goto('./#/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('backup-download').click(),
  ]);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-backup-'));
  const newer = path.join(dir, 'newer.json');
  fs.writeFileSync(newer, JSON.stringify({ ...json, schema: json.schema + 1, contacts: [] }));
  const before = await storedContacts(page);

  await page.getByTestId('backup-input').setInputFiles(newer);
  const error = page.getByTestId('backup-error');
  await expect(error).toContainText('более новая версия Картотеки (формат данных 3, эта версия читает 2)');
  await expect(error).toContainText('База не тронута');
  await expect(page.getByTestId('backup-preview')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/exports-backup-refused.png', fullPage: true });

  const csv = path.join(dir, 'base.csv');
  fs.writeFileSync(csv, 'Фамилия;Имя\r\nИванов;Иван\r\n');
  await page.getByTestId('backup-input').setInputFiles(csv);
  await expect(error).toContainText('Это не резервная копия Картотеки');

  const cut = path.join(dir, 'cut.json');
  fs.writeFileSync(cut, JSON.stringify(json).slice(0, 200));
  await page.getByTestId('backup-input').setInputFiles(cut);
  await expect(error).toContainText('Файл копии повреждён');

  expect(await storedContacts(page)).toEqual(before);
  await page.reload();
  await expect(page.getByTestId('loading')).toHaveCount(0);
  expect(await storedContacts(page)).toEqual(before);
});
