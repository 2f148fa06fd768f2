// The mapping screen: a file whose headers are not recognised is mapped by
// hand, column by column, and the choice is remembered for its headers.
import { test, expect } from '@playwright/test';
import { fixture, openApp, storedContacts } from './helpers.mjs';

const INVENTED = fixture('mapping_invented_headers.csv');

/** The mapping screen's row of the column headed `header`. */
const column = (page, header) => page.getByTestId('mapping-screen').locator(`tr[data-header="${header}"]`);

test('unknown headers are mapped by hand, imported, and mapped alike the next time', async ({ page }) => {
  await openApp(page);
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(INVENTED);

  // Nothing in the header row says what the columns hold: the screen asks,
  // showing the values the file really has.
  await expect(page.getByTestId('mapping-screen')).toBeVisible();
  await expect(page.getByTestId('mapping-screen').getByTestId('mapping-row')).toHaveCount(4);
  await expect(column(page, 'Клиент').getByTestId('mapping-examples')).toContainText('Сидоров Пётр Ильич');
  await expect(column(page, 'Мобильный номер').getByTestId('mapping-examples')).toContainText('8 916 123-45-67');
  await expect(column(page, 'Почтовый ящик').getByTestId('mapping-examples')).toContainText('anna@kruglova.example');
  await expect(column(page, 'Откуда пришёл').getByTestId('mapping-examples')).toContainText('Сарафанное радио');
  // As read, no row names anyone, so none would be imported.
  await expect(page.getByTestId('import-to-import')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('import-to-skip')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('mapping-remembered')).toHaveCount(0);

  await column(page, 'Клиент').getByTestId('mapping-choice').selectOption({ label: 'Фамилия + Имя + Отчество' });
  await expect(page.getByTestId('import-to-import')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('preview-row').first()).toContainText('Сидоров Пётр Ильич');
  await column(page, 'Мобильный номер').getByTestId('mapping-choice').selectOption('phone:mobile');
  await column(page, 'Почтовый ящик').getByTestId('mapping-choice').selectOption('email:work');
  await column(page, 'Откуда пришёл').getByTestId('mapping-choice').selectOption('source');
  // The choices stay as made while the file is mapped again.
  await expect(column(page, 'Клиент').getByTestId('mapping-choice')).toHaveValue('full_name');
  await expect(page.getByTestId('preview-row').first()).toContainText('petr.sidorov@example.ru');
  await expect(page.getByTestId('preview-row').first()).toContainText('8 916 123-45-67');
  await expect(page.getByTestId('preview-row').first()).toContainText('Выставка');
  await page.screenshot({ path: '/tmp/pv/mapping-screen.png', fullPage: true });

  await page.getByTestId('import-confirm').click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(report).toHaveAttribute('data-stored', '3');

  await page.getByTestId('import-to-list').click();
  const row = page.getByTestId('contact-row').filter({ hasText: 'Круглова Анна Сергеевна' });
  await expect(row.getByTestId('row-phone')).toHaveText('+7 903 555-12-12');
  await expect(row.getByTestId('row-email')).toHaveText('anna@kruglova.example');
  await expect(row).toContainText('Сарафанное радио');
  const stored = await storedContacts(page);
  const sidorov = stored.find((c) => c.surname === 'Сидоров');
  expect([sidorov.name, sidorov.patronymic, sidorov.source]).toEqual(['Пётр', 'Ильич', 'Выставка']);
  expect(sidorov.phones.map((p) => p.normalized)).toEqual(['79161234567']);
  expect(sidorov.extra).toEqual([]);

  // The same file again: mapped as chosen, and said so, without asking.
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(INVENTED);
  await expect(page.getByTestId('mapping-remembered')).toBeVisible();
  await expect(page.getByTestId('mapping-screen')).toHaveCount(0);
  await expect(page.getByTestId('import-to-import')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('policy-base-count')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('preview-row').nth(2)).toContainText('Беляев Олег');
  await expect(page.getByTestId('preview-row').nth(2)).toContainText('oleg.belyaev@example.com');
  await page.screenshot({ path: '/tmp/pv/mapping-remembered.png', fullPage: true });
});

test('a recognised file can be mapped by hand, a column left out or made an own field', async ({ page }) => {
  await openApp(page);
  await page.goto('./#/import');
  const file = {
    name: 'base.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Фамилия;Имя;Телефон;Комментарий;Размер парка\r\n' +
        'Орлов;Денис;8 900 111-22-33;звонить после обеда;12\r\n' +
        'Жукова;Вера;8 900 444-55-66;;3\r\n',
    ),
  };
  // The one unknown column opens the screen; "Done" closes it.
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('mapping-screen')).toBeVisible();
  await expect(column(page, 'Размер парка').getByTestId('mapping-choice')).toHaveValue('extra');
  await page.getByTestId('mapping-done').click();
  await expect(page.getByTestId('mapping-screen')).toHaveCount(0);
  await page.getByTestId('edit-mapping').click();
  await expect(page.getByTestId('mapping-screen')).toBeVisible();

  await column(page, 'Комментарий').getByTestId('mapping-choice').selectOption('skip');
  await column(page, 'Размер парка').getByTestId('mapping-choice').selectOption('own');
  await expect(column(page, 'Комментарий').getByTestId('mapping-choice')).toHaveValue('skip');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-stored', '2');
  const orlov = (await storedContacts(page)).find((c) => c.surname === 'Орлов');
  // Left out, the comment is nowhere; the fleet size is an own field's value.
  expect(JSON.stringify(orlov)).not.toContain('звонить после обеда');
  expect(orlov.extra).toEqual([]);
  expect(Object.values(orlov.custom)).toEqual(['12']);

  // Remembered with the own field: the column is offered ticked next time.
  await page.goto('./#/import');
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('mapping-remembered')).toBeVisible();
  await expect(page.locator('tr[data-header="Размер парка"]').getByTestId('custom-from-column')).toBeChecked();
  await expect(page.locator('tr[data-header="Комментарий"]')).toContainText('не импортировать');
});
