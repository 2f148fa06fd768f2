// The channel report: its figures against what the imported file itself
// says, sorting, the CSV export, merging channels and the charts' tables.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { fixture, importFile, openApp } from './helpers.mjs';

const FILE = 'excel_ru_cp1251.csv';

/** The fixture's rows as objects by header, read the way Excel wrote them. */
function readFixture() {
  const text = new TextDecoder('windows-1251').decode(fs.readFileSync(fixture(FILE)));
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  const [header, ...data] = rows.filter((r) => r.some((c) => c.trim() !== ''));
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** `dd.mm.yyyy` as a comparable number yyyymmdd, or null when empty. */
function day(text) {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  return match ? { y: +match[3], m: +match[2], d: +match[1] } : null;
}
const ordinal = ({ y, m, d }) => y * 10000 + m * 100 + d;

/** Six calendar months after `confirmed`, clamped to the end of a shorter month. */
function expires(confirmed) {
  const months = confirmed.m - 1 + 6;
  const y = confirmed.y + Math.floor(months / 12);
  const m = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(confirmed.d, lastDay) };
}

// helpers.mjs pins "today" to 3 December 2026.
const TODAY = { y: 2026, m: 12, d: 3 };

/**
 * Per channel («Источник»): the rows, and those stale today. A confirmation
 * is valid to its expiry day inclusive, stale from the day after; a row
 * without a confirmation date is "never confirmed", not stale.
 */
function expected() {
  const channels = new Map();
  for (const row of readFixture()) {
    const name = row['Источник'].trim();
    const entry = channels.get(name) ?? { added: 0, stale: 0, never: 0 };
    entry.added += 1;
    const confirmed = day(row['Дата подтверждения']);
    if (!confirmed) entry.never += 1;
    else if (ordinal(TODAY) > ordinal(expires(confirmed))) entry.stale += 1;
    channels.set(name, entry);
  }
  return channels;
}

/** A share as the table writes it in Russian: tenths of a percent, rounded half up. */
function percent(part, whole) {
  const tenths = Math.floor((part * 1000 * 2 + whole) / (whole * 2));
  return `${Math.floor(tenths / 10)},${tenths % 10}\u00a0%`;
}

const row = (page, channel) =>
  page.locator(`[data-testid="channel-row"][data-channel="${channel}"]`);

async function order(page) {
  return page.getByTestId('channel-row').evaluateAll((rows) => rows.map((r) => r.dataset.channel));
}

async function openReport(page) {
  await openApp(page);
  await importFile(page, fixture(FILE));
  await page.goto('./#/channels');
  await page.getByTestId('channels-period').selectOption('all');
  await expect(page.getByTestId('channels-table')).toBeVisible();
}

test('the report counts each channel’s records and its stale share as the file has them', async ({ page }) => {
  const channels = expected();
  await openReport(page);

  for (const name of ['Сайт (форма заявки)', 'Холодный звонок']) {
    const { added, stale } = channels.get(name);
    const line = row(page, name);
    await expect(line.locator('[data-col="added"]')).toHaveAttribute('data-value', String(added));
    await expect(line.locator('[data-col="added"]')).toHaveText(String(added));
    const share = line.locator('[data-col="stale_share"]');
    await expect(share).toHaveAttribute('data-part', String(stale));
    await expect(share).toHaveAttribute('data-whole', String(added));
    await expect(share.locator('.share')).toHaveText(percent(stale, added));
  }

  // One row per channel of the file, and every person counted once: the
  // company records the import made from the «Компания» column inherit a
  // source, but are not counted again.
  await expect(page.getByTestId('channel-row')).toHaveCount(channels.size);
  const added = await page
    .locator('[data-testid="channel-row"] [data-col="added"]')
    .evaluateAll((cells) => cells.reduce((sum, c) => sum + Number(c.dataset.value), 0));
  expect(added).toBe(readFixture().length);
});

test('a custom period counts only the records added in it', async ({ page }) => {
  await openReport(page);
  const inPeriod = readFixture().filter((r) => {
    const added = ordinal(day(r['Дата добавления']));
    return added >= 20260101 && added <= 20260630;
  });
  await page.getByTestId('channels-period').selectOption('custom');
  await page.getByTestId('channels-from').fill('01.01.2026');
  await page.getByTestId('channels-to').fill('30.06.2026');
  await expect(page.getByTestId('channels-range')).toHaveText('01.01.2026 – 30.06.2026');
  const name = 'Партнёр';
  await expect(row(page, name).locator('[data-col="added"]')).toHaveAttribute(
    'data-value',
    String(inPeriod.filter((r) => r['Источник'] === name).length),
  );
  // A date that is no date says so and keeps the period in force.
  await page.getByTestId('channels-to').fill('31.02.2026');
  await expect(page.getByTestId('channels-period-error')).toBeVisible();
  await expect(page.getByTestId('channels-range')).toHaveText('01.01.2026 – 30.06.2026');
});

test('sorting by a column orders the rows by it, both ways', async ({ page }) => {
  const channels = expected();
  const byStale = [...channels.entries()]
    .sort(([, a], [, b]) => a.stale * b.added - b.stale * a.added)
    .map(([name]) => name);
  await openReport(page);
  const before = await order(page);

  const header = page.locator('thead th[data-col="stale_share"]');
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await page.getByTestId('sort-stale_share').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('thead th[data-col="added"]')).toHaveAttribute('aria-sort', 'none');
  expect(await order(page)).toEqual([...byStale].reverse());
  expect(await order(page)).not.toEqual(before);

  await page.getByTestId('sort-stale_share').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  expect(await order(page)).toEqual(byStale);

  // Names sort from A the first time, as spellings are compared: case,
  // ё and punctuation aside, letter by letter.
  await page.getByTestId('sort-channel').click();
  await expect(page.locator('thead th[data-col="channel"]')).toHaveAttribute('aria-sort', 'ascending');
  const key = (name) => name.toLowerCase().replaceAll('ё', 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const names = await order(page);
  expect(names).toEqual([...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));
});

test('the report downloads as CSV with a line per channel', async ({ page }) => {
  const channels = expected();
  await openReport(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('channels-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe('kartoteka-channels-2026-12-03.csv');
  const bytes = fs.readFileSync(await download.path());
  // The list's default format: Excel's, with a BOM, `;` and a decimal comma.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0].startsWith('Источник;Добавлено;Стали клиентами;')).toBe(true);
  expect(lines).toHaveLength(channels.size + 1);
  for (const [name, { added, stale }] of channels) {
    const cells = lines.find((l) => l.startsWith(`${name};`))?.split(';');
    expect(cells, name).toBeTruthy();
    expect(cells[1]).toBe(String(added));
    const header = lines[0].split(';');
    expect(cells[header.indexOf('Устаревших')]).toBe(String(stale));
  }
});

test('merging two channels leaves one row with both counts, and undo splits them again', async ({ page }) => {
  const channels = expected();
  const [kept, merged] = ['Купленная база', 'Справочник 2ГИС'];
  const sum = channels.get(kept).added + channels.get(merged).added;
  await openReport(page);

  const item = (name) => page.locator(`[data-testid="channel-item"][data-channel="${name}"]`);
  await item(kept).getByTestId('channel-tick').check();
  await item(merged).getByTestId('channel-tick').check();
  await page.getByTestId('channel-merge-name').fill(kept);
  await page.getByTestId('channel-merge').click();

  await expect(row(page, merged)).toHaveCount(0);
  await expect(row(page, kept).locator('[data-col="added"]')).toHaveAttribute('data-value', String(sum));
  await expect(item(kept)).toHaveAttribute('data-count', String(sum));
  await expect(item(merged)).toHaveCount(0);
  await expect(page.getByTestId('channel-row')).toHaveCount(channels.size - 1);

  // Stored, not only shown: a reload reads the merged base back.
  await page.reload();
  await expect(row(page, kept).locator('[data-col="added"]')).toHaveAttribute('data-value', String(sum));

  await page.goto('./#/channels');
  await item(kept).getByTestId('channel-rename').click();
  await page.getByTestId('channel-rename-input').fill('Базы и справочники');
  await page.getByTestId('channel-rename-save').click();
  await expect(row(page, 'Базы и справочники').locator('[data-col="added"]')).toHaveAttribute(
    'data-value',
    String(sum),
  );
  await page.getByTestId('channel-undo').click();
  await expect(row(page, kept).locator('[data-col="added"]')).toHaveAttribute('data-value', String(sum));
  await expect(row(page, 'Базы и справочники')).toHaveCount(0);
});

test('a chart’s table shows the numbers its bars draw', async ({ page }) => {
  const rows = readFixture();
  await openReport(page);

  // All time: the growth chart shows the last twelve months, January to December 2026.
  const growth = page.getByTestId('chart-growth');
  const bars = await growth.locator('g.bar').evaluateAll((gs) =>
    gs.map((g) => [g.dataset.month, Number(g.dataset.total)]),
  );
  const addedIn = (month) =>
    rows.filter((r) => {
      const d = day(r['Дата добавления']);
      return `${d.y}-${String(d.m).padStart(2, '0')}` === month;
    }).length;
  expect(bars.map(([month]) => month)).toEqual(
    Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
  );
  for (const [month, total] of bars) expect(total, month).toBe(addedIn(month));

  // A tap tells the numbers in words, for touch screens without hover.
  await growth.locator('g.bar[data-month="2026-03"]').click();
  await expect(page.getByTestId('chart-growth-readout')).toContainText(`всего ${addedIn('2026-03')}`);

  await page.getByTestId('chart-growth-toggle').click();
  await expect(page.getByTestId('chart-growth-toggle')).toHaveAttribute('aria-pressed', 'true');
  const table = page.getByTestId('chart-growth-table');
  for (const [month, total] of bars) {
    await expect(table.locator(`tr[data-month="${month}"] td.total`)).toHaveAttribute('data-value', String(total));
  }
  await page.getByTestId('chart-growth-toggle').click();
  await expect(growth.locator('g.bar')).toHaveCount(12);

  // December is the current month, so its freshness mix is today's: the
  // stale ones are the report's, the unconfirmed ones the file's empty dates.
  const channels = expected();
  const stale = [...channels.values()].reduce((sum, c) => sum + c.stale, 0);
  const never = [...channels.values()].reduce((sum, c) => sum + c.never, 0);
  await page.getByTestId('chart-freshness-toggle').click();
  const december = page.getByTestId('chart-freshness-table').locator('tr[data-month="2026-12"]');
  await expect(december.locator('[data-series="stale"]')).toHaveAttribute('data-value', String(stale));
  await expect(december.locator('[data-series="never"]')).toHaveAttribute('data-value', String(never));
  await expect(december.locator('td.total')).toHaveAttribute('data-value', String(rows.length));

  // The conversion chart's bars and its table hold the report's figures.
  const conversion = page.getByTestId('chart-conversion');
  const drawn = await conversion.locator('g.bar').evaluateAll((gs) =>
    gs.map((g) => [g.dataset.channel, g.dataset.part, g.dataset.whole]),
  );
  expect(drawn).toHaveLength(channels.size);
  await page.getByTestId('chart-conversion-toggle').click();
  for (const [channel, part, whole] of drawn) {
    const line = page.getByTestId('chart-conversion-table').locator(`tr[data-channel="${channel}"]`);
    await expect(line.locator('[data-col="clients"]')).toHaveAttribute('data-value', part);
    await expect(line.locator('[data-col="added"]')).toHaveAttribute('data-value', whole);
    await expect(row(page, channel).locator('[data-col="clients"]')).toHaveAttribute('data-value', part);
  }
});
