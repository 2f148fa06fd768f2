// The first slice end to end: a newcomer opens the page, imports the
// Russian Excel file, finds, edits and exports contacts.
import { test, expect, chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  companiesCreated,
  count,
  countKind,
  fixture,
  importFile,
  openApp,
  search,
  storedContacts,
  wipeBase,
} from './helpers.mjs';

const EXCEL = fixture('excel_ru_cp1251.csv');
const EXCEL_ROWS = 1516;

test('an empty base says how to start', async ({ page }) => {
  await openApp(page);
  const empty = page.getByTestId('empty-state');
  await expect(empty).toBeVisible();
  await expect(page.getByTestId('empty-import')).toHaveAttribute('href', '#/import');
  await expect(page.getByTestId('empty-add')).toHaveAttribute('href', '#/new');
});

test('the Russian Excel file is recognised, previewed and imported whole', async ({ page }) => {
  await openApp(page);
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(EXCEL);
  await expect(page.getByTestId('import-encoding')).toHaveText('Windows-1251');
  await expect(page.getByTestId('import-delimiter')).toHaveText('точка с запятой');
  await expect(page.getByTestId('import-rows')).toHaveAttribute('data-count', String(EXCEL_ROWS));
  // The preview shows rows as they will be stored: names split, not garbled.
  await expect(page.getByTestId('preview-row').first()).toContainText('Кузьмин Филарет Арсенович');
  await page.getByTestId('import-confirm').click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  const stored = Number(await report.getAttribute('data-stored'));
  const skipped = Number(await report.getAttribute('data-skipped'));
  expect(stored + skipped).toBe(EXCEL_ROWS);
  expect(stored).toBe(EXCEL_ROWS);
  // The companies named in the file become records of their own.
  const companies = await companiesCreated(page);
  expect(companies).toBeGreaterThan(0);
  await expect(page.getByTestId('import-companies')).toBeVisible();

  await page.getByTestId('import-to-list').click();
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', String(EXCEL_ROWS + companies));
  expect(await countKind(page, 'company')).toBe(companies);
  await page.getByTestId('filter-kind').selectOption('person');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', String(EXCEL_ROWS));
  await expect(page.getByTestId('contact-count')).toHaveText('1 516 контактов из ' + (EXCEL_ROWS + companies).toLocaleString('ru-RU'));

  // Only the rows in view are in the page, also after scrolling to the end.
  const rows = page.getByTestId('contact-row');
  expect(await rows.count()).toBeLessThan(60);
  await page.getByTestId('contact-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('row-name').last()).toHaveText('Якушева Наталья');
  expect(await rows.count()).toBeLessThan(60);

  // A patronymic.
  await search(page, 'Кузьмин Филарет Арсенович');
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await expect(page.getByTestId('row-name')).toHaveText('Кузьмин Филарет Арсенович');

  // A note with a newline and a semicolon inside quotes.
  await search(page, 'Полякова Нинель');
  await page.getByTestId('contact-row').first().click();
  await expect(page.getByTestId('card-name')).toHaveText('Полякова Нинель Святославовна');
  expect(await page.getByTestId('card-notes').innerText()).toBe(
    'Просил перезвонить после 23.10;\nсекретарь: Наина',
  );
  await expect(page.getByTestId('card-company')).toHaveText('Абрамов и партнеры · Генеральный директор');
  // The company's ИНН is on the company's own record, one tap away.
  await page.getByTestId('card-company-link').click();
  await expect(page.getByTestId('card-name')).toHaveText('Абрамов и партнеры');
  await expect(page.getByTestId('card-requisites')).toContainText('6232974830');
  await expect(page.getByTestId('company-person')).toContainText(['Полякова Нинель Святославовна']);

  // A phone typed as 8 (…) … is shown in the international form and dialled in E.164.
  await search(page, 'Кондратьев Аверкий');
  await page.getByTestId('contact-row').first().click();
  await expect(page.getByTestId('card-phone').first()).toHaveText('+7 928 921-84-01');
  await expect(page.getByTestId('card-phone').first()).toHaveAttribute('href', 'tel:+79289218401');
  await expect(page.getByTestId('card-status')).toHaveText('Бывший клиент');
  await expect(page.getByTestId('card-source')).toHaveText('Купленная база');
});

test('phones are found by their digits however they are typed', async ({ page }) => {
  await openApp(page);
  await importFile(page, EXCEL);
  await page.goto('./#/');
  for (const query of ['8 928 921-84-01', '+7 (928) 921 84 01', '9289218401', '89289218401', '921-84']) {
    await search(page, query);
    await expect(page.getByTestId('row-name')).toContainText(['Кондратьев Аверкий Теймуразович']);
  }
  // A full number matches only that number, not everything containing its digits.
  await search(page, '+7 (928) 921 84 01');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');
  await search(page, 'qwertyzzz');
  await expect(page.getByTestId('nothing-found')).toBeVisible();
});

test('an edit survives a reload; bad input is refused at the field', async ({ page }) => {
  await openApp(page);
  await importFile(page, EXCEL);
  await page.goto('./#/');
  await search(page, 'Кузьмин Филарет');
  await page.getByTestId('contact-row').first().click();
  await page.getByTestId('edit').click();

  await page.getByTestId('field-email').first().fill('без-собаки.ru');
  await page.getByTestId('field-confirmed-on').fill('31.02.2026');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('error-email')).toBeVisible();
  await expect(page.getByTestId('error-confirmed-on')).toBeVisible();
  await expect(page.getByTestId('contact-form')).toBeVisible();

  // A confirmation cannot lie in the future; the refused field gets the focus.
  await page.getByTestId('field-email').first().fill('filaret@example.ru');
  await page.getByTestId('field-confirmed-on').fill('15.06.2999');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('error-confirmed-on')).toContainText('не может быть позже');
  await expect(page.getByTestId('field-confirmed-on')).toBeFocused();

  await page.getByTestId('field-confirmed-on').fill('01.12.2026');
  await page.getByTestId('field-position').fill('Главный инженер');
  await page.getByTestId('add-phone').click();
  await page.getByTestId('field-phone').last().fill('+7 495 123-45-67');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('contact-form')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('card-name')).toHaveText('Кузьмин Филарет Арсенович');
  await expect(page.getByTestId('card-company')).toHaveText('Главный инженер');
  await expect(page.getByTestId('card-email').first()).toHaveText('filaret@example.ru');
  await expect(page.getByTestId('card-phone')).toHaveText(['+7 914 177-76-31', '+7 495 123-45-67']);
  await expect(page.getByTestId('contact-panel').locator('.badges').getByTestId('freshness')).toHaveAttribute(
    'data-state',
    'fresh',
  );

  // Removing the added phone again.
  await page.getByTestId('edit').click();
  await page.getByTestId('remove-phone').last().click();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-phone')).toHaveCount(1);
});

test('the threshold decides the badge, and "confirmed today" refreshes it', async ({ page }) => {
  await openApp(page);
  await importFile(page, EXCEL);
  // Confirmed on 16.01.2026: stale after six months on 03.12.2026.
  await page.goto('./#/');
  await search(page, 'Кондратьев Аверкий');
  const badge = page.getByTestId('contact-row').first().getByTestId('freshness');
  await expect(badge).toHaveAttribute('data-state', 'stale');
  await expect(badge).toHaveText(/Устарел/);

  await page.goto('./#/settings');
  await page.getByTestId('threshold-amount').fill('12');
  // Twelve months: expires 16.01.2027, due in its last 73 days.
  await page.goto('./#/');
  await search(page, 'Кондратьев Аверкий');
  await expect(badge).toHaveAttribute('data-state', 'due');

  await page.goto('./#/settings');
  await page.getByTestId('threshold-amount').fill('2');
  await page.getByTestId('threshold-unit').selectOption('weeks');
  await page.reload();
  await expect(page.getByTestId('threshold-amount')).toHaveValue('2');
  await expect(page.getByTestId('threshold-unit')).toHaveValue('weeks');

  await page.goto('./#/');
  await search(page, 'Кондратьев Аверкий');
  await expect(badge).toHaveAttribute('data-state', 'stale');
  await page.getByTestId('contact-row').first().click();
  await page.getByTestId('confirm-today').click();
  await expect(badge).toHaveAttribute('data-state', 'fresh');
  await expect(page.getByTestId('card-confirmed')).toHaveText('Подтверждено 03.12.2026');
});

test('filters and sort narrow the list and are remembered', async ({ page }) => {
  await openApp(page);
  await importFile(page, EXCEL);
  await page.goto('./#/');
  await page.getByTestId('filter-status').selectOption('client');
  const clients = await count(page);
  expect(clients).toBeGreaterThan(0);
  expect(clients).toBeLessThan(EXCEL_ROWS);
  await page.getByTestId('filter-source').selectOption('Выставка');
  const both = await count(page);
  expect(both).toBeLessThan(clients);
  await page.getByTestId('filter-freshness').selectOption('never');
  const text = await page.getByTestId('contact-count').textContent();
  const total = Number(text.split('из')[1].replace(/\D/g, ''));
  expect(total).toBeGreaterThan(EXCEL_ROWS);
  await page.getByTestId('sort').selectOption('company');
  await page.reload();
  await expect(page.getByTestId('filter-status')).toHaveValue('client');
  await expect(page.getByTestId('filter-source')).toHaveValue('Выставка');
  await expect(page.getByTestId('sort')).toHaveValue('company');
});

test('contacts are created and deleted, deleting asks first', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('empty-add').click();
  await page.getByTestId('field-surname').fill('Сидорова');
  await page.getByTestId('field-name').fill('Анна');
  // Something that is no phone number is refused at the field.
  await page.getByTestId('field-phone').first().fill('abc');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('error-phone')).toBeVisible();
  await page.getByTestId('field-phone').first().fill('8 900 000-00-01');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-name')).toHaveText('Сидорова Анна');
  await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', '1');

  await page.getByTestId('delete').click();
  await expect(page.getByTestId('delete-dialog')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('card-name')).toHaveText('Сидорова Анна');
  await page.getByTestId('delete').click();
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('empty-state')).toBeVisible();
});

test('a reload on any screen under a sub-path keeps the screen', async ({ page }) => {
  await openApp(page, '#/settings');
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await page.goto('./#/import');
  await page.reload();
  await expect(page.getByTestId('import-screen')).toBeVisible();
});

for (const preset of ['excel', 'plain']) {
  test(`an export in the ${preset} preset imports back to the same contacts`, async ({ page }) => {
    await openApp(page);
    await importFile(page, EXCEL);
    const companies = await companiesCreated(page);
    const before = await storedContacts(page);
    expect(before).toHaveLength(EXCEL_ROWS + companies);

    await page.goto('./#/');
    await page.getByTestId('export-preset').selectOption(preset);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    if (preset === 'excel') {
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain(';');
      expect(bytes.toString('utf8')).toContain('\r\n');
    } else {
      expect(bytes[0]).not.toBe(0xef);
    }

    await wipeBase(page);
    await page.reload();
    await expect(page.getByTestId('empty-state')).toBeVisible();
    // Company records come back as records, and the people link to them again.
    const result = await importFile(page, file);
    expect(result).toEqual({ stored: EXCEL_ROWS + companies, skipped: 0 });
    expect(await companiesCreated(page)).toBe(0);
    const after = await storedContacts(page);
    const key = (c) => JSON.stringify(c);
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
  });
}

test('the interface is Russian by default and English when chosen', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await openApp(page, '#/settings');
  await expect(page.getByTestId('nav-settings')).toHaveText('Настройки');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  await page.reload();
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  await context.close();
});

test('the base is still there after the browser is closed and opened again', async ({ baseURL }, testInfo) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL, locale: 'ru-RU' });
  try {
    let browser = await launch();
    let page = await browser.newPage();
    await openApp(page);
    await importFile(page, EXCEL);
    const companies = await companiesCreated(page);
    await browser.close();

    browser = await launch();
    page = await browser.newPage();
    await openApp(page);
    await expect(page.getByTestId('contact-count')).toHaveAttribute('data-count', String(EXCEL_ROWS + companies));
    await browser.close();
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
