#!/usr/bin/env node
// Writes N contacts in the layout of bench/data/contacts_100k_utf8.csv.gz
// (Russian Excel: UTF-8 with BOM, `;`, CRLF, the same 20 columns).
//
//   node bench/generate.mjs 1000000            -> bench/.cache/contacts_1000000.csv
//   node bench/generate.mjs 10000 out.csv
//
// Row i is built from source row i mod M (M = 101,031). The first cycle is the
// source verbatim, so N <= M gives the source's first N rows byte for byte.
// Cycle k >= 1 takes the whole name (surname, first name, patronymic) from
// another source row, shifts the subscriber digits of every phone by k,
// appends k to e-mail, Telegram and Skype handles, and derives a new ИНН with
// valid check digits. Values shared inside the source (a company's ИНН, a
// phone typed twice) stay shared inside a cycle but never across cycles, so
// every cycle has the source's duplicates and no more.
//
// Deterministic: the same N always gives the same bytes.

import { createReadStream, createWriteStream, mkdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE = join(here, 'data', 'contacts_100k_utf8.csv.gz');
export const CACHE = join(here, '.cache');

const COL = {
  surname: 0, name: 1, patronymic: 2,
  mobile: 5, work: 6, email: 7, email2: 8, telegram: 9, whatsapp: 10, skype: 11,
  inn: 17,
};

async function readSource() {
  const chunks = [];
  const stream = createReadStream(SOURCE).pipe(createGunzip());
  for await (const chunk of stream) chunks.push(chunk);
  let text = Buffer.concat(chunks).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse(text, { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
  if (parsed.errors.length) {
    throw new Error(`source does not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  }
  const [header, ...rows] = parsed.data;
  return { header, rows };
}

function quote(value) {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function line(cells) {
  return cells.map(quote).join(';') + '\r\n';
}

// Shifts every digit after the country and operator code (the first four
// digits) by k, keeping the way the number was typed.
function shiftPhone(value, k) {
  let seen = 0;
  return value.replace(/\d/g, (d) => (++seen <= 4 ? d : String((Number(d) + k) % 10)));
}

function suffixHandle(value, k) {
  if (!value) return value;
  const at = value.indexOf('@');
  if (at > 0) return `${value.slice(0, at)}${k}${value.slice(at)}`; // e-mail
  const dot = value.indexOf('.');
  if (dot > 0) return `${value.slice(0, dot)}${k}${value.slice(dot)}`; // name.skype
  return `${value}${k}`; // @telegram
}

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const check = (digits, weights) =>
  (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;

// A different valid ИНН: the serial digits (after the region and tax office
// codes) are shifted by k and the check digits recomputed.
function shiftInn(value, k) {
  if (!/^\d{10}$|^\d{12}$/.test(value)) return value;
  const d = [...value].map(Number);
  const body = d.length === 10 ? 9 : 10;
  for (let i = 4; i < body; i++) d[i] = (d[i] + k) % 10;
  if (d.length === 10) {
    d[9] = check(d, INN10);
  } else {
    d[10] = check(d, INN11);
    d[11] = check(d, INN12);
  }
  return d.join('');
}

function varied(rows, i) {
  const m = rows.length;
  const k = Math.floor(i / m);
  const row = rows[i % m];
  if (k === 0) return row;
  const cells = row.slice();
  const other = rows[(i % m + k * 7919) % m];
  cells[COL.surname] = other[COL.surname];
  cells[COL.name] = other[COL.name];
  cells[COL.patronymic] = other[COL.patronymic];
  for (const c of [COL.mobile, COL.work, COL.whatsapp]) cells[c] = shiftPhone(cells[c], k);
  for (const c of [COL.email, COL.email2, COL.telegram, COL.skype]) cells[c] = suffixHandle(cells[c], k);
  cells[COL.inn] = shiftInn(cells[COL.inn], k);
  return cells;
}

export async function generate(n, out) {
  const { header, rows } = await readSource();
  mkdirSync(dirname(out), { recursive: true });
  const file = createWriteStream(out);
  let buffer = '\ufeff' + line(header);
  for (let i = 0; i < n; i++) {
    buffer += line(varied(rows, i));
    if (buffer.length > 1 << 20) {
      if (!file.write(buffer)) await new Promise((r) => file.once('drain', r));
      buffer = '';
    }
  }
  file.end(buffer);
  await finished(file);
  return out;
}

/// The cached file for n rows, generated when missing or older than its inputs.
export async function cached(n) {
  const out = join(CACHE, `contacts_${n}.csv`);
  const inputs = [SOURCE, fileURLToPath(import.meta.url)].map((p) => statSync(p).mtimeMs);
  if (!existsSync(out) || statSync(out).mtimeMs < Math.max(...inputs)) {
    await generate(n, out);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n <= 0) {
    console.error('usage: node bench/generate.mjs ROWS [OUT.csv]');
    process.exit(2);
  }
  const out = process.argv[3] ?? join(CACHE, `contacts_${n}.csv`);
  const started = Date.now();
  await generate(n, out);
  console.log(`${out}: ${n} rows, ${statSync(out).size} bytes, ${Date.now() - started} ms`);
}
