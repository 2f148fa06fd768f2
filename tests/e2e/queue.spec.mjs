// The re-confirmation queue: records to call in order, worked through one
// after another, each outcome landing in the record's timeline.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile, openApp } from './helpers.mjs';

// Today is 03.12.2026; with a 30-day threshold a record is stale when it was
// last confirmed before 03.11.2026.
const ROWS = [
  'Фамилия;Имя;Телефон;Статус;Дата подтверждения;Источник',
  'Клиентов;Олег;+79030000021;Клиент;01.06.2026;Выставка', // stale client: first
  'Лидов;Пётр;+79030000022;лид;01.05.2026;Сайт', // stale lead: after the clients
  'Новиков;Иван;+79030000023;лид;;Сайт', // never confirmed: third
  'Свежев;Глеб;+79030000024;Клиент;01.12.2026;Сайт', // fresh: not in the queue
  'Бывшев;Лев;+79030000025;Бывший клиент;01.01.2025;Сайт', // former: never in the queue
].join('\r\n');

test('three records worked through the queue with three outcomes leave it, each with its timeline entry', async ({ page }) => {
  await openApp(page);
  await page.goto('./#/settings');
  await page.getByTestId('threshold-amount').fill('30');
  await page.getByTestId('threshold-unit').selectOption('days');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-'));
  const file = path.join(dir, 'queue.csv');
  fs.writeFileSync(file, ROWS + '\r\n');
  await importFile(page, file);

  await page.goto('./#/queue');
  const names = page.getByTestId('queue-name');
  await expect(names).toHaveText(['Клиентов Олег', 'Лидов Пётр', 'Новиков Иван']);
  await expect(page.getByTestId('queue-progress')).toHaveAttribute('data-left', '3');

  await page.getByTestId('queue-start').click();
  await expect(page.getByTestId('caller-name')).toHaveText('Клиентов Олег');
  await expect(page.getByTestId('caller-call')).toHaveAttribute('href', 'tel:+79030000021');
  await page.getByTestId('outcome-confirmed').click();

  // The next record follows without going back to the list.
  await expect(page.getByTestId('caller-name')).toHaveText('Лидов Пётр');
  await page.getByTestId('outcome-retry-days').fill('5');
  await page.getByTestId('outcome-no-answer').click();

  await expect(page.getByTestId('caller-name')).toHaveText('Новиков Иван');
  await page.getByTestId('outcome-wrong-number').click();

  await expect(page.getByTestId('queue-empty')).toBeVisible();
  await expect(page.getByTestId('queue-progress')).toHaveAttribute('data-done', '3');
  await expect(page.getByTestId('queue-progress')).toHaveAttribute('data-left', '0');

  // Each outcome is in the record's timeline, and survives a reload.
  await page.reload();
  for (const [name, outcome] of [
    ['Клиентов', 'Подтверждено, без изменений'],
    ['Лидов', 'Не дозвонился'],
    ['Новиков', 'Неверный номер'],
  ]) {
    await page.goto('./#/');
    await page.getByTestId('search').fill(name);
    await page.getByTestId('contact-row').first().click();
    await page.getByTestId('tab-activity').click();
    await expect(page.getByTestId('activity-outcome')).toHaveText(outcome);
  }
  // The confirmed client is fresh again.
  await page.goto('./#/');
  await page.getByTestId('search').fill('Клиентов');
  await expect(page.getByTestId('contact-row').first().getByTestId('freshness')).toHaveAttribute('data-state', 'fresh');
});

test('a new contact from a cold call has its source preset', async ({ page }) => {
  await openApp(page, '#/queue');
  await page.getByTestId('queue-new-contact').click();
  await expect(page.getByTestId('field-source')).toHaveValue('Холодный звонок');
  await page.getByTestId('field-surname').fill('Звонков');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('card-source')).toHaveText('Холодный звонок');
});

test('a phone is confirmed on its own, with its own badge and a line in the history', async ({ page }) => {
  await openApp(page);
  await page.goto('./#/new');
  await page.getByTestId('field-surname').fill('Телефонов');
  await page.getByTestId('field-phone').fill('+7 903 000-00-31');
  await page.getByTestId('save').click();
  const phone = page.getByTestId('card-phone').locator('xpath=..');
  await expect(phone.getByTestId('freshness')).toHaveAttribute('data-state', 'never');
  await phone.getByTestId('confirm-value').click();
  await expect(phone.getByTestId('freshness')).toHaveAttribute('data-state', 'fresh');
  // The record as a whole keeps its own date.
  await expect(page.getByTestId('card-confirmed')).toHaveText('Ещё не подтверждался');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('confirmation')).toHaveCount(1);
  await expect(page.getByTestId('confirmation')).toContainText('+7 903 000-00-31');
  await expect(page.getByTestId('confirmation')).toContainText('звонок');

  // The record as a whole, confirmed at a meeting.
  await page.getByTestId('tab-data').click();
  await page.getByTestId('confirm-how').selectOption('meeting');
  await page.getByTestId('confirm-today').click();
  await expect(page.getByTestId('card-confirmed')).toHaveText('Подтверждено 03.12.2026');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('confirmation')).toHaveCount(2);
  await expect(page.getByTestId('confirmation').first()).toContainText('встреча');
});
