// vCard both ways: a phone's .vcf with a broken card goes through the
// import wizard, and the records shown download as a .vcf file.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { companiesCreated, count, countKind, fixture, openApp, search } from './helpers.mjs';

async function importPhoneFile(page) {
  await openApp(page, '#/import');
  await page.getByTestId('import-input').setInputFiles(fixture('contacts_phone.vcf'));
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-layout')).toHaveText('Файл vCard (.vcf)');
  // Four cards, one of them broken.
  await expect(page.getByTestId('import-rows')).toHaveAttribute('data-count', '4');
  await expect(page.getByTestId('preview-row')).toHaveCount(3);
  await expect(page.getByTestId('preview-row').first()).toContainText('Петрова Мария Сергеевна');
  await page.getByTestId('import-confirm').click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  return report;
}

test('a .vcf with a broken card imports the others and reports the broken one', async ({ page }) => {
  const report = await importPhoneFile(page);
  await expect(report).toHaveAttribute('data-stored', '3');
  await expect(report).toHaveAttribute('data-skipped', '1');
  const skipped = page.getByTestId('import-skipped-row');
  await expect(skipped).toHaveCount(1);
  // Reported at the line of its BEGIN:VCARD, by its number among the cards.
  await expect(skipped).toHaveAttribute('data-row', '25');
  await expect(skipped).toHaveText(
    'Строка 25: карточка № 2 «Оборванный Олег» не закрыта строкой END:VCARD — не импортирована',
  );

  // The people's companies become records of their own, as with any import.
  expect(await companiesCreated(page)).toBe(2);
  await page.getByTestId('import-to-list').click();
  await expect(page.getByTestId('contact-list')).toBeVisible();
  expect(await count(page)).toBe(5);
  expect(await countKind(page, 'person')).toBe(3);
  const rows = page.getByTestId('contact-row');
  await expect(rows.filter({ hasText: 'Петрова Мария Сергеевна' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Кузнецов Алексей Викторович' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Орлова Екатерина Андреевна' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Оборванный' })).toHaveCount(0);
  // The quoted-printable name is searchable as Cyrillic, and its phone by digits.
  await search(page, '79161234567');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Петрова');
  await search(page, '');
});

for (const version of ['3.0', '4.0']) {
  test(`the records shown download as vCard ${version}`, async ({ page }) => {
    await importPhoneFile(page);
    await page.getByTestId('import-to-list').click();
    await expect(page.getByTestId('contact-list')).toBeVisible();
    // Only what the search shows is exported.
    await search(page, 'Кузнецов');
    await expect(page.getByTestId('contact-row')).toHaveCount(1);
    await search(page, '');
    await expect(page.getByTestId('contact-row')).toHaveCount(5);
    await page.getByTestId('export-preset').selectOption(`vcard${version[0]}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('kartoteka-2026-12-03.vcf');
    const bytes = fs.readFileSync(await download.path());
    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith(`BEGIN:VCARD\r\nVERSION:${version}\r\n`)).toBe(true);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    const unfolded = text.replaceAll('\r\n ', '');
    // Three people and the two companies made for them.
    expect(unfolded.match(/BEGIN:VCARD\r\n/g)).toHaveLength(5);
    expect(unfolded).toContain('\r\nN:Петрова;Мария;Сергеевна;;\r\n');
    expect(unfolded).toContain('\r\nORG:ООО «Ромашка»\r\n');
    expect(unfolded).toContain('\r\nCATEGORIES:Опт,Выставка\r\n');
    expect(unfolded).toContain(
      'NOTE:Главный бухгалтер\\, звонить до обеда.\\nВторая строка заметки о клиенте\\, достаточно длинная для переноса.\r\n',
    );
    if (version === '4.0') {
      expect(unfolded).toContain('\r\nTEL;VALUE=text;TYPE=cell;PREF=1:+7 (903) 111-22-33\r\n');
      expect(unfolded).toContain('\r\nBDAY:--0229\r\n');
      expect(unfolded.match(/\r\nKIND:org\r\n/g)).toHaveLength(2);
    } else {
      expect(unfolded).toContain('\r\nTEL;TYPE=CELL,PREF:+7 (903) 111-22-33\r\n');
      expect(unfolded).toContain('\r\nBDAY:--02-29\r\n');
      expect(unfolded.match(/\r\nX-ABShowAs:COMPANY\r\n/g)).toHaveLength(2);
    }
    // The file imports back; its three people are found in the base by their
    // phones, while the company cards have no phone, e-mail or ИНН to match.
    await page.goto('./#/import');
    await page.getByTestId('import-input').setInputFiles({
      name: 'back.vcf',
      mimeType: 'text/vcard',
      buffer: bytes,
    });
    await expect(page.getByTestId('import-rows')).toHaveAttribute('data-count', '5');
    // Every card matches its record again: the people by phone or e-mail,
    // the companies by their name and legal form.
    await expect(page.getByTestId('policy-base-count')).toHaveAttribute('data-count', '5');
  });
}
