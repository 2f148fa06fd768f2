// Two tabs on one base: what one stores shows in the other, an edit of a
// record saved meanwhile in the other tab is refused, and a newer app opened
// elsewhere is not blocked by this one. Both pages share one browser context,
// so they share the origin's IndexedDB as two tabs do.
import { test, expect } from '@playwright/test';
import { openApp, search } from './helpers.mjs';

async function createPerson(page, surname) {
  await page.getByTestId('new-contact').click();
  await page.getByTestId('field-surname').fill(surname);
  await page.getByTestId('save').click();
  await expect(page.getByTestId('notice')).toContainText('Сохранено');
}

async function openRecord(page, query) {
  await page.goto('./#/');
  await search(page, query);
  await page.getByTestId('contact-row').first().click();
}

test('a record created in one tab shows in the other within a second', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await openApp(b);

  await createPerson(a, 'Вторая-Вкладка');
  await expect(b.getByTestId('contact-count')).toHaveAttribute('data-count', '1', { timeout: 1_000 });
  await search(b, 'Вторая-Вкладка');
  await expect(b.getByTestId('row-name').first()).toHaveText('Вторая-Вкладка');

  // And back: B's new record reaches A, and A's record survives B's write
  // to the same chunk.
  await createPerson(b, 'Из-Бэ');
  await expect(a.getByTestId('contact-count')).toHaveAttribute('data-count', '2', { timeout: 1_000 });
  await a.reload();
  await expect(a.getByTestId('contact-count')).toHaveAttribute('data-count', '2');
});

test('editing a record saved meanwhile in another tab shows both versions', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await createPerson(a, 'Общий');
  await openApp(b);

  await openRecord(a, 'Общий');
  await openRecord(b, 'Общий');
  await a.getByTestId('edit').click();
  await b.getByTestId('edit').click();
  await a.getByTestId('field-name').fill('Алексей');
  await b.getByTestId('field-name').fill('Борис');
  await a.getByTestId('save').click();
  await expect(a.getByTestId('notice')).toContainText('Сохранено');

  await b.getByTestId('save').click();
  const conflict = b.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-stored')).toContainText('Алексей');
  await expect(conflict.getByTestId('conflict-mine')).toContainText('Борис');
  await b.screenshot({ path: '/tmp/tabs-conflict.png' });

  // Keeping one's own version is a deliberate second save.
  await conflict.getByTestId('conflict-keep-mine').click();
  await expect(b.getByTestId('notice')).toContainText('Сохранено');
  await expect(b.getByTestId('conflict')).toHaveCount(0);
  await a.reload();
  await openRecord(a, 'Общий');
  await expect(a.getByTestId('contact-panel')).toContainText('Борис');
});

test('a newer version opened in another tab is not blocked, and this tab says to reload', async ({ context }) => {
  const old = await context.newPage();
  await openApp(old);
  await createPerson(old, 'Сохранённый');

  const newer = await context.newPage();
  await newer.goto('./');
  const opened = await newer.evaluate(
    () =>
      new Promise((resolve) => {
        const request = indexedDB.open('kartoteka', 99);
        request.onsuccess = () => {
          request.result.close();
          resolve('opened');
        };
        request.onblocked = () => resolve('blocked');
        request.onerror = () => resolve('failed');
      }),
  );
  expect(opened).toBe('opened');
  await expect(old.getByTestId('superseded')).toContainText('Вышла новая версия Картотеки в другой вкладке — перезагрузите страницу');
  await old.screenshot({ path: '/tmp/tabs-superseded.png' });

  // A write after that says so instead of hanging.
  await old.getByTestId('new-contact').click();
  await old.getByTestId('field-surname').fill('После');
  await old.getByTestId('save').click();
  await expect(old.getByTestId('notice')).toContainText('перезагрузите страницу');
});

test('settings say whether storage is persistent and how much is used', async ({ page }) => {
  await openApp(page, '#/settings');
  await expect(page.getByTestId('durability-persistent')).toHaveAttribute('data-persistent', /true|false/);
  await expect(page.getByTestId('durability-usage')).toContainText(/Занято \d+,\d (МБ|ГБ) из \d+,\d (МБ|ГБ)/);
  await page.getByTestId('durability').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/tabs-settings.png' });
});
