// The complete record: a company with requisites and its people, invoices,
// the activity timeline, history, bulk actions, the recycle bin, custom
// fields, and erasing a person on request.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, importFile, openApp, search } from './helpers.mjs';

const BIK = '044525225';
const CORR = '30101810400000000225';

/**
 * A settlement account with the control key the bank's БИК requires, by the
 * Bank of Russia's procedure: weights 7, 1, 3 over the БИК's last three
 * digits and the account, the key chosen so that the sum ends in 0.
 */
function settlementAccount(bik, draft) {
  const digits = (bik.slice(-3) + draft).split('').map(Number);
  digits[3 + 8] = 0;
  const weights = [7, 1, 3];
  const sum = digits.reduce((s, d, i) => s + ((d * weights[i % 3]) % 10), 0);
  const key = (((sum % 10) * 3) % 10).toString();
  return draft.slice(0, 8) + key + draft.slice(9);
}

/** Everything stored, as raw text: chunks and the meta store. */
async function rawStorage(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('kartoteka');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = (store) =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const chunks = await read('chunks');
    const meta = await read('meta');
    db.close();
    return { chunks: chunks.join('\n'), meta: meta.map(String).join('\n') };
  });
}

async function newRecord(page) {
  await page.goto('./#/new');
  await expect(page.getByTestId('contact-form')).toBeVisible();
}

/** Sets one of the list's filters that fold away under "more filters". */
async function extraFilter(page, testid) {
  const filter = page.getByTestId(testid);
  if (!(await filter.isVisible())) await page.getByTestId('more-filters').click();
  return filter;
}

test('a company with requisites, its people, invoices and a call survive a reload and are found by the filters', async ({ page }) => {
  await openApp(page);

  // The company, with a settlement account typed wrong first.
  await newRecord(page);
  await page.getByTestId('kind-company').check({ force: true });
  await page.getByTestId('field-company').fill('ООО «Вектор»');
  await page.getByTestId('field-website').fill('vektor.ru');
  await page.getByText('Реквизиты', { exact: true }).click();
  await page.getByTestId('field-inn').fill('7707083894');
  await expect(page.getByTestId('warning-inn')).toContainText('Контрольная цифра');
  await page.getByTestId('field-inn').fill('7707083893');
  await expect(page.getByTestId('warning-inn')).toBeEmpty();
  await page.getByTestId('field-kpp').fill('773601001');
  await page.getByTestId('field-ogrn').fill('1027700132195');
  await page.getByTestId('field-bik').fill(BIK);
  await page.getByTestId('field-corr-account').fill(CORR);
  const account = settlementAccount(BIK, '40702810038000000017');
  const wrong = account.slice(0, 19) + ((Number(account[19]) + 1) % 10);
  await page.getByTestId('field-account').fill(wrong);
  await expect(page.getByTestId('warning-account')).toContainText('не сходится с БИК');
  // A wrong account is a warning, not a refusal: the record is saved as a draft.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-name')).toHaveText('ООО «Вектор»');
  await page.getByTestId('edit').click();
  await page.getByTestId('field-account').fill(account);
  await expect(page.getByTestId('warning-account')).toBeEmpty();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-requisites')).toContainText(account);
  await expect(page.getByTestId('card-website')).toHaveAttribute('href', 'https://vektor.ru');
  const companyUrl = page.url();

  // The first person, added from the company's card, with the full name in one line.
  await page.getByTestId('add-person').click();
  await page.getByTestId('field-full-name').fill('Пётр Ильич Петров-Водкин');
  await expect(page.getByTestId('proposal-surname')).toHaveText('Петров-Водкин');
  await expect(page.getByTestId('proposal-name')).toHaveText('Пётр');
  await expect(page.getByTestId('proposal-patronymic')).toHaveText('Ильич');
  await page.getByTestId('apply-full-name').click();
  await expect(page.getByTestId('field-surname')).toHaveValue('Петров-Водкин');
  await page.getByTestId('field-phone').fill('8 (916) 123-45-67');
  await expect(page.getByTestId('hint-phone')).toContainText('+7 916 123-45-67');
  await page.getByTestId('add-messenger').click();
  await page.getByTestId('field-messenger').fill('@petrov_vodkin');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-name')).toHaveText('Петров-Водкин Пётр Ильич');
  await expect(page.getByTestId('card-company-link')).toHaveText('ООО «Вектор»');
  await expect(page.getByTestId('card-phone')).toHaveAttribute('href', 'tel:+79161234567');
  await expect(page.getByTestId('card-messenger')).toHaveAttribute('href', 'https://t.me/petrov_vodkin');

  // The second, typed with the company's name: linked to the same record.
  await newRecord(page);
  await page.getByTestId('field-surname').fill('Сидорова');
  await page.getByTestId('field-name').fill('Анна');
  await page.getByTestId('field-company').fill('ООО «Вектор»');
  await page.getByTestId('field-email').fill('anna@vektor.ru');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-company-link')).toHaveText('ООО «Вектор»');
  await page.getByTestId('card-company-link').click();
  await expect(page.getByTestId('company-person')).toHaveCount(2);

  // Two invoices: one paid, one overdue (today is 03.12.2026).
  await page.getByTestId('tab-deals').click();
  await page.getByTestId('add-invoice').click();
  await page.getByTestId('invoice-number').fill('17');
  await page.getByTestId('invoice-amount').fill('10 000');
  await page.getByTestId('invoice-due').fill('01.12.2026');
  await page.getByTestId('invoice-paid').fill('30.11.2026');
  await page.getByTestId('invoice-save').click();
  await expect(page.getByTestId('invoice')).toHaveCount(1);
  await page.getByTestId('tab-deals').click();
  await page.getByTestId('add-invoice').click();
  await page.getByTestId('invoice-number').fill('18');
  await page.getByTestId('invoice-amount').fill('abc');
  await page.getByTestId('invoice-save').click();
  await expect(page.getByTestId('invoice-error')).toBeVisible();
  await page.getByTestId('invoice-amount').fill('5 000,50');
  await page.getByTestId('invoice-due').fill('20.11.2026');
  await page.getByTestId('invoice-save').click();
  await expect(page.getByTestId('invoice')).toHaveCount(2);
  const nbsp = (s) => s.replace(/ /g, '\u00a0');
  await expect(page.getByTestId('total-invoiced')).toHaveText(nbsp('15 000,50 ₽'));
  await expect(page.getByTestId('total-paid')).toHaveText(nbsp('10 000,00 ₽'));
  await expect(page.getByTestId('total-overdue')).toHaveText(nbsp('5 000,50 ₽'));
  await expect(page.locator('[data-testid="invoice"][data-state="overdue"]')).toHaveCount(1);

  // A call with a next step that is already overdue.
  await page.goto('./#/');
  await search(page, 'Петров-Водкин');
  await page.getByTestId('contact-row').first().click();
  await page.getByTestId('tab-activity').click();
  await page.getByTestId('activity-outcome-input').fill('Просит перезвонить');
  await page.getByTestId('activity-next-on').fill('01.12.2026');
  await page.getByTestId('activity-text').fill('Обсудили поставку');
  await page.getByTestId('activity-save').click();
  await page.getByTestId('tab-activity').click();
  await expect(page.getByTestId('activity')).toHaveCount(1);
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-overdue', 'true');

  // All of it is stored.
  await page.reload();
  await expect(page.getByTestId('card-name')).toHaveText('Петров-Водкин Пётр Ильич');
  await page.getByTestId('tab-activity').click();
  await expect(page.getByTestId('activity-outcome')).toHaveText('Просит перезвонить');
  await page.goto(companyUrl);
  await page.getByTestId('tab-deals').click();
  await expect(page.getByTestId('invoice')).toHaveCount(2);

  await page.goto('./#/');
  await search(page, '');
  await (await extraFilter(page, 'filter-overdue-invoices')).check();
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('row-name')).toHaveText('ООО «Вектор»');
  await page.getByTestId('filter-overdue-invoices').uncheck();
  await page.getByTestId('filter-next-step-overdue').check();
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('row-name')).toHaveText('Петров-Водкин Пётр Ильич');
  await page.getByTestId('filter-next-step-overdue').uncheck();
});

test('erasing a person on request leaves nothing of them, and an old file does not bring them back', async ({ page }) => {
  await openApp(page);
  await newRecord(page);
  await page.getByTestId('field-surname').fill('Забытова');
  await page.getByTestId('field-name').fill('Ольга');
  await page.getByTestId('field-phone').fill('+7 903 555-44-33');
  await page.getByTestId('field-email').fill('zabytova@mail.ru');
  await page.getByTestId('save').click();
  // An edit leaves a value in the history that erasing must remove too.
  await page.getByTestId('edit').click();
  await page.getByTestId('field-name').fill('Ольга Петровна');
  await page.getByTestId('save').click();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('field-change')).toHaveCount(1);
  await page.getByTestId('tab-data').click();
  // Deleted first, so a copy sits in the recycle bin as well.
  await page.getByTestId('delete').click();
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.goto('./#/bin');
  await expect(page.getByTestId('bin-row')).toHaveCount(1);
  await page.getByTestId('bin-restore').click();
  await page.goto('./#/');
  await page.getByTestId('contact-row').first().click();

  await page.getByTestId('erase').click();
  await expect(page.getByTestId('erase-dialog')).toContainText('скачанные резервные копии');
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.goto('./#/bin');
  await expect(page.getByTestId('bin-empty')).toBeVisible();

  const raw = await rawStorage(page);
  for (const trace of ['Забытова', 'Ольга', '9035554433', '555-44-33', 'zabytova']) {
    expect(raw.chunks).not.toContain(trace);
    expect(raw.meta).not.toContain(trace);
  }
  expect(raw.meta).toContain('suppression');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-'));
  const file = path.join(dir, 'old.csv');
  fs.writeFileSync(file, 'Фамилия;Имя;Телефон\r\nЗабытова;Ольга;8 903 555 44 33\r\nНовикова;Вера;+7 916 000-11-22\r\n');
  const result = await importFile(page, file);
  expect(result).toEqual({ stored: 1, skipped: 1 });
  await expect(page.getByTestId('import-skipped-row')).toContainText('стёрт по запросу');
});

test('bulk actions change what is ticked or everything shown, and deleted records can be restored', async ({ page }) => {
  await openApp(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-'));
  const file = path.join(dir, 'three.csv');
  fs.writeFileSync(
    file,
    'Фамилия;Имя;Телефон;Статус\r\nАлексеев;Борис;+79030000001;лид\r\nБорисов;Глеб;+79030000002;лид\r\nВасильев;Денис;+79030000003;лид\r\n',
  );
  await importFile(page, file);
  await page.goto('./#/');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '3');

  const rows = page.getByTestId('contact-row');
  await rows.nth(0).getByTestId('row-select').check();
  await rows.nth(1).getByTestId('row-select').check();
  await expect(page.getByTestId('bulk-count')).toHaveText('Выбрано 2 записи');
  await page.getByTestId('bulk-action').selectOption('status');
  await page.getByTestId('bulk-value').selectOption('client');
  await page.getByTestId('bulk-apply').click();
  await page.getByTestId('filter-status').selectOption('client');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '2');

  // Everything the filter shows gets a tag, then goes to the bin.
  await page.getByTestId('bulk-all').check();
  await page.getByTestId('bulk-action').selectOption('tag');
  await page.getByTestId('bulk-value').fill('выставка-2026');
  await page.getByTestId('bulk-apply').click();
  await page.getByTestId('filter-status').selectOption('');
  await (await extraFilter(page, 'filter-tag')).selectOption('выставка-2026');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '2');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('bulk-all').check();
  await page.getByTestId('bulk-action').selectOption('delete');
  await page.getByTestId('bulk-apply').click();
  await page.getByTestId('filter-tag').selectOption('');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');

  await page.reload();
  await page.goto('./#/bin');
  await expect(page.getByTestId('bin-row')).toHaveCount(2);
  await expect(page.getByTestId('bin-row').first()).toContainText('удалится через 30 дней');
  await page.getByTestId('bin-restore').first().click();
  await expect(page.getByTestId('bin-row')).toHaveCount(1);
  await page.goto('./#/');
  expect(await count(page)).toBe(2);
});

test('a custom field is defined once, filled on a record, filtered by and exported', async ({ page }) => {
  await openApp(page);
  await page.goto('./#/settings');
  await page.getByTestId('custom-label').fill('Размер парка');
  await page.getByTestId('custom-kind').selectOption('number');
  await page.getByTestId('custom-add').click();
  await expect(page.getByTestId('custom-field-def')).toHaveCount(1);
  await page.getByTestId('manager-name').fill('Иванова Мария');
  await page.getByTestId('manager-add').click();
  await page.getByTestId('settings-me').selectOption('Иванова Мария');

  await newRecord(page);
  await page.getByTestId('field-surname').fill('Парков');
  await page.getByTestId('field-responsible').selectOption('Иванова Мария');
  const custom = page.locator('[data-field="Размер парка"]');
  await custom.first().fill('двенадцать');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('error-custom')).toBeVisible();
  await custom.first().fill('1 200');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-custom')).toContainText('Размер парка');
  await expect(page.getByTestId('card-custom')).toContainText('1200');

  await newRecord(page);
  await page.getByTestId('field-surname').fill('Безпарков');
  await page.getByTestId('save').click();

  await page.goto('./#/');
  await (await extraFilter(page, 'filter-mine')).check();
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('filter-mine').uncheck();
  await page.getByTestId('filter-custom-field').selectOption({ label: 'Размер парка' });
  await page.getByTestId('filter-custom-value').fill('1200');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('row-name')).toHaveText('Парков');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text).toContain('Поле: Размер парка');
  expect(text).toContain('Иванова Мария');

  // A saved segment brings the same filters back in one tap.
  await page.getByTestId('segment-save').click();
  await page.getByTestId('segment-name').fill('Большие парки');
  await page.getByTestId('segment-confirm').click();
  await page.getByTestId('filter-custom-value').fill('');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '2');
  await page.getByTestId('segment').click();
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');
});

test('an edit and a status change are in the record’s history', async ({ page }) => {
  await openApp(page);
  await newRecord(page);
  await page.getByTestId('field-surname').fill('Историев');
  await page.getByTestId('field-phone').fill('+7 903 111-22-33');
  await page.getByTestId('save').click();
  await page.getByTestId('edit').click();
  await page.getByTestId('field-status').selectOption('client');
  await page.getByTestId('field-position').fill('Директор');
  await page.getByTestId('save').click();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('status-change')).toHaveCount(2);
  await expect(page.getByTestId('status-change').first()).toContainText('Потенциальный → Клиент');
  await expect(page.getByTestId('field-change')).toHaveCount(2);
  await expect(page.getByTestId('history')).toContainText('Должность');
  await expect(page.getByTestId('history')).toContainText('Директор');
});

test('an import fills the managers list and turns a chosen column into a custom field', async ({ page }) => {
  await openApp(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-'));
  const file = path.join(dir, 'fleet.csv');
  fs.writeFileSync(
    file,
    'Фамилия;Имя;Телефон;Ответственный;Размер парка;Любимый цвет\r\n' +
      'Грузов;Иван;+79030000011;Иванова Мария;12;синий\r\n' +
      'Возов;Пётр;+79030000012;Петров Олег;3;зелёный\r\n',
  );
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(file);
  // The unknown columns open the mapping screen, where one becomes an own field.
  const fleet = page.getByTestId('mapping-screen').locator('tr[data-header="Размер парка"]');
  await fleet.getByTestId('mapping-choice').selectOption('own');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-stored', '2');

  await page.goto('./#/settings');
  await expect(page.getByTestId('manager')).toContainText(['Иванова Мария', 'Петров Олег']);
  await expect(page.getByTestId('custom-field-def')).toHaveCount(1);
  await expect(page.getByTestId('custom-field-def')).toContainText('Размер парка');

  await page.goto('./#/');
  await search(page, 'Грузов');
  await page.getByTestId('contact-row').first().click();
  await expect(page.getByTestId('card-custom')).toContainText('12');
  await expect(page.getByTestId('card-responsible')).toHaveText('Иванова Мария');
  // The column not chosen is still kept, as an extra field.
  await expect(page.getByTestId('contact-panel')).toContainText('Любимый цвет');
  await search(page, '');
  await (await extraFilter(page, 'filter-responsible')).selectOption('Петров Олег');
  await expect(page.getByTestId('row-name')).toHaveText('Возов Пётр');
});
