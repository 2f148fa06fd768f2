#!/usr/bin/env node
// Benchmarks of the built app in headless Chromium, against plain-JS baselines
// in the same browser on the same bytes. See the README's "Benchmarks".
//
//   node bench/run.mjs [--rows 10000|100000|1000000] [--runs 3] [--dist dist]
//                      [--port 8190] [--timeout 600] [--cap 1800] [--no-write]
//
// Each run uses fresh browser contexts (an empty IndexedDB); the figures
// reported are the medians of the runs. The results go to
// bench/.cache/results-<rows>.json and into bench/RESULTS.md (the section of
// that row count is replaced, the others are kept).

import { chromium } from '@playwright/test';
import { spawn, execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cached, CACHE } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

// ---------------------------------------------------------------- options

function options(argv) {
  const o = { rows: 100000, runs: 3, dist: join(repo, 'dist'), port: 8190, timeout: 600, cap: 1800, write: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--rows': o.rows = Number(value()); break;
      case '--runs': o.runs = Number(value()); break;
      case '--dist': o.dist = resolve(value()); break;
      case '--port': o.port = Number(value()); break;
      case '--timeout': o.timeout = Number(value()); break;
      case '--cap': o.cap = Number(value()); break;
      case '--no-write': o.write = false; break;
      default:
        console.error(`unknown option ${argv[i]}`);
        process.exit(2);
    }
  }
  if (!(o.rows > 0 && o.runs > 0)) {
    console.error('--rows and --runs must be positive');
    process.exit(2);
  }
  return o;
}

const opt = options(process.argv.slice(2));
const command = ['node bench/run.mjs', ...process.argv.slice(2)].join(' ');
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
  // performance.memory with exact figures, and gc() so memory is read after a collection.
  '--enable-precise-memory-info', '--js-flags=--expose-gc',
];
const VIEWPORT = { width: 1280, height: 800 };
const SCROLL_STEPS = 600;
// Names letter by letter, phone digit fragments, e-mail parts: 50 keystrokes.
// All of them occur in the source's first rows, so every row count has hits.
const SEARCH_TERMS = ['Ефремова', 'Олимп', '9807302', '343 499', 'gmail', '@rambler', 'Юг-Авто', 'ива'];

// ---------------------------------------------------------------- helpers

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const mb = (bytes) => bytes / 1e6;
// What the cap handler needs: whether it fired, and the page being measured.
const live = { capped: false, page: null };

function freePort(from) {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', () => (from < 65535 ? freePort(from + 1).then(ok, fail) : fail(new Error('no free port'))));
    server.listen(from, '127.0.0.1', () => server.close(() => ok(from)));
  });
}

async function serve(root, port) {
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { child, url };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`the server on ${url} did not start`);
}

// Runs one measurement; a failure becomes its result instead of ending the run.
async function step(result, name, fn) {
  if (result.crashed) {
    result[name] = { error: `not run (${result.crashed})`, skipped: true };
    return;
  }
  const started = performance.now();
  try {
    result[name] = await fn();
    log(`  ${name}: ${JSON.stringify(result[name])}`);
  } catch (e) {
    let message = String(e?.message ?? e).split('\n')[0];
    if (live.capped) message = `stopped by the ${opt.cap} s cap`;
    else if (result.crashed) message = result.crashed;
    const detail = e?.detail ? `; ${e.detail}` : '';
    result[name] = { error: `${message} (after ${((performance.now() - started) / 1000).toFixed(0)} s${detail})` };
    log(`  ${name} FAILED: ${result[name].error}`);
    // Without a stored base (or a live page) the later steps cannot run.
    if (name === 'import' || live.capped || /crash|closed|Target|memory/i.test(message)) result.crashed = `${name} did not finish`;
  }
}

// ---------------------------------------------------------------- in-page code

// Installed in every document before the app's scripts.
function initScript() {
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__benchWasm = e.detail && e.detail.wasm;
  });
  // Cold open: the first frame with a contact row on screen and the search
  // box present and enabled, then the first task after that frame (the main
  // thread is free to take the user's input).
  const probe = () => {
    const row = document.querySelector('[data-testid=contact-row]');
    const search = document.querySelector('[data-testid=search]');
    if (row && search && !search.disabled && !search.readOnly) {
      const r = row.getBoundingClientRect();
      if (r.height > 0 && r.bottom > 0 && r.top < innerHeight) {
        window.__benchFirstRow = performance.now();
        setTimeout(() => {
          window.__benchReady = performance.now();
        }, 0);
        return;
      }
    }
    requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
}

async function readMemory(page, cdp) {
  const inPage = await page.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      window.gc?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      jsHeapUsed: performance.memory?.usedJSHeapSize ?? null,
      jsHeapTotal: performance.memory?.totalJSHeapSize ?? null,
      wasmMemory: window.__benchWasm?.memory?.buffer?.byteLength ?? null,
    };
  });
  let cdpHeap = null;
  try {
    cdpHeap = await cdp.send('Runtime.getHeapUsage');
  } catch {}
  return { ...inPage, cdpHeapUsed: cdpHeap?.usedSize ?? null, cdpBackingStorage: cdpHeap?.backingStorageSize ?? null };
}

// ---------------------------------------------------------------- the app (context A)

async function appRun(browser, base, file, rows, result) {
  const ctx = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  await ctx.addInitScript(initScript);
  const page = await ctx.newPage();
  page.on('crash', () => (result.crashed = 'the page crashed (out of memory?)'));
  const cdp = await ctx.newCDPSession(page);
  live.page = page;
  // An uncaught error (a wasm trap, such as running out of memory) fails the
  // step waiting for it at once, instead of at the timeout.
  let failNow;
  const pageError = new Promise((_, reject) => (failNow = reject));
  pageError.catch(() => {});
  const onError = (text) => {
    result.pageErrors = [...(result.pageErrors ?? []), text.slice(0, 300)];
    failNow(new Error(`the page threw: ${text.split('\n')[0].slice(0, 200)}`));
  };
  page.on('pageerror', (e) => onError(String(e?.message ?? e)));
  page.on('console', (m) => m.type() === 'error' && onError(m.text()));
  const timeout = opt.timeout * 1000;
  page.setDefaultTimeout(timeout);

  try {
    await step(result, 'import', async () => {
      await page.goto(`${base}#/import`);
      const input = page.locator('[data-testid=import-input]');
      await input.waitFor({ state: 'attached' });
      const t0 = performance.now();
      let tPreview = null;
      const report = page.locator('[data-testid=import-report]');
      try {
        await input.setInputFiles(file);
        await Promise.race([page.locator('[data-testid=import-confirm]').waitFor({ state: 'visible' }), pageError]);
        tPreview = performance.now();
        await page.locator('[data-testid=import-confirm]').click();
        await Promise.race([report.waitFor({ state: 'visible' }), pageError]);
      } catch (e) {
        const s = (t) => `${((t - t0) / 1000).toFixed(0)} s`;
        e.detail = tPreview == null
          ? 'the preview was not shown yet'
          : `the preview was shown after ${s(tPreview)}, the report not yet`;
        if (live.atCap) e.detail += `; at the cap: ${live.atCap}`;
        if (!live.capped) {
          const wasm = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength).catch(() => null);
          if (wasm) e.detail += `; wasm memory ${(wasm / 1e6).toFixed(0)} MB`;
        }
        throw e;
      }
      const t1 = performance.now();
      return {
        ms: t1 - t0,
        previewMs: tPreview - t0,
        storeMs: t1 - tPreview,
        stored: Number(await report.getAttribute('data-stored')),
      };
    });

    await step(result, 'memoryAfterImport', () => readMemory(page, cdp));

    await step(result, 'coldOpen', async () => {
      await page.evaluate(() => history.replaceState(null, '', location.pathname));
      await page.reload({ waitUntil: 'commit' });
      await page.waitForFunction(() => window.__benchReady, null, { polling: 50 });
      const t = await page.evaluate(() => ({ firstRow: window.__benchFirstRow, ready: window.__benchReady }));
      const count = Number(await page.locator('[data-testid=contact-count]').getAttribute('data-count'));
      return { ms: t.ready, firstRowMs: t.firstRow, count };
    });

    await step(result, 'memoryAfterOpen', () => readMemory(page, cdp));

    await step(result, 'search', async () => {
      await page.evaluate(() => {
        const kt = (window.__kt = { t0: 0, lastMut: 0, mark: 0, frameAfterMut: 0, frameAfterT0: 0, frames: 0, mutFrame: 0, armed: false, running: true });
        const start = () => {
          if (kt.armed && !kt.t0) kt.t0 = performance.now();
        };
        for (const type of ['keydown', 'beforeinput', 'input']) addEventListener(type, start, true);
        new MutationObserver(() => {
          if (kt.t0) kt.lastMut = performance.now();
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const loop = () => {
          const now = performance.now();
          kt.frames++;
          if (kt.t0 && !kt.frameAfterT0) kt.frameAfterT0 = now;
          if (kt.lastMut > kt.mark) {
            kt.mark = kt.lastMut;
            kt.frameAfterMut = now;
            kt.mutFrame = kt.frames;
          }
          if (kt.running) requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
        kt.arm = () => Object.assign(kt, { t0: 0, lastMut: 0, mark: 0, frameAfterMut: 0, frameAfterT0: 0, mutFrame: 0, armed: true });
        // Settled: three frames without a DOM change after the keystroke.
        kt.settle = () =>
          new Promise((done) => {
            const check = () => {
              const since = kt.frames - Math.max(kt.mutFrame, 0);
              if (kt.t0 && kt.frameAfterT0 && since >= 3) {
                kt.armed = false;
                const count = document.querySelector('[data-testid=contact-count]')?.getAttribute('data-count');
                done({ ms: (kt.frameAfterMut || kt.frameAfterT0) - kt.t0, changed: kt.frameAfterMut > 0, count: Number(count ?? -1) });
              } else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          });
      });
      const search = page.locator('[data-testid=search]');
      await search.click();
      const times = [];
      const counts = [];
      for (const term of SEARCH_TERMS) {
        await page.evaluate(() => window.__kt.arm());
        await search.fill('');
        await page.evaluate(() => window.__kt.settle());
        let last;
        for (const ch of term) {
          await page.evaluate(() => window.__kt.arm());
          await page.keyboard.type(ch);
          last = await page.evaluate(() => window.__kt.settle());
          times.push(last.ms);
        }
        counts.push([term, last.count]);
      }
      await page.evaluate(() => window.__kt.arm());
      await search.fill('');
      await page.evaluate(() => window.__kt.settle());
      await page.evaluate(() => (window.__kt.running = false));
      return {
        keystrokes: times.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: Math.max(...times),
        counts,
      };
    });

    await step(result, 'scroll', async () => {
      await page.locator('[data-testid=contact-row]').first().waitFor({ state: 'visible' });
      return page.evaluate(async (steps) => {
        const el = document.querySelector('[data-testid=contact-list]');
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        el.scrollTop = 0;
        for (let i = 0; i < 5; i++) await frame();
        // Frame intervals with nothing to do, for reference.
        let idleDropped = 0;
        let prev = await frame();
        for (let i = 0; i < 60; i++) {
          const ts = await frame();
          if (ts - prev > 2 * 16.7) idleDropped++;
          prev = ts;
        }
        const end = el.scrollHeight - el.clientHeight;
        const rowsInDom = () => document.querySelectorAll('[data-testid=contact-row]').length;
        let maxRows = rowsInDom();
        let dropped = 0;
        let worst = 0;
        let frames = 0;
        let last = null;
        const started = performance.now();
        await new Promise((done) => {
          let i = 0;
          const tick = (ts) => {
            if (last !== null) {
              const dt = ts - last;
              frames++;
              if (dt > 2 * 16.7) dropped++;
              worst = Math.max(worst, dt);
            }
            last = ts;
            maxRows = Math.max(maxRows, rowsInDom());
            if (i > steps) return done();
            el.scrollTop = Math.round((end * i) / steps);
            i++;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        const lastRow = [...document.querySelectorAll('[data-testid=contact-row]')].pop();
        return {
          steps,
          frames,
          dropped,
          worstFrameMs: worst,
          maxRowsInDom: maxRows,
          idleDroppedOf60: idleDropped,
          ms: performance.now() - started,
          scrollHeight: el.scrollHeight,
          finalScrollTop: el.scrollTop,
          lastRowNumber: lastRow ? Math.round(parseFloat(lastRow.style.transform.replace('translateY(', '')) / 60) + 1 : null,
        };
      }, SCROLL_STEPS);
    });

    await step(result, 'export', async () => {
      const t0 = performance.now();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-csv]').click()]);
      const ms = performance.now() - t0;
      const path = await download.path();
      return { ms, bytes: statSync(path).size };
    });
  } finally {
    await ctx.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- parse and baseline (context B)

async function baselineRun(browser, base, runIndex, result) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  const page = await ctx.newPage();
  page.on('crash', () => (result.crashed = 'the page crashed (out of memory?)'));
  page.setDefaultTimeout(opt.timeout * 1000);
  try {
    await step(result, 'load', async () => {
      await page.goto(base);
      await page.waitForFunction(() => window.wasmBindings);
      await page.addScriptTag({ path: join(repo, 'node_modules/papaparse/papaparse.min.js') });
      await page.addScriptTag({ path: join(repo, 'node_modules/dexie/dist/dexie.min.js') });
      return page.evaluate(async () => {
        window.__bytes = new Uint8Array(await (await fetch('bench-data.csv', { cache: 'no-store' })).arrayBuffer());
        return { bytes: window.__bytes.length, parseExported: typeof window.wasmBindings.parse_csv_count === 'function' };
      });
    });
    const ours = () =>
      step(result, 'parseOurs', async () => {
        if (!result.load?.parseExported) throw new Error('this build has no parse_csv_count (src/bench_api.rs)');
        return page.evaluate(() => {
          window.gc?.();
          const t0 = performance.now();
          const rows = window.wasmBindings.parse_csv_count(window.__bytes);
          return { ms: performance.now() - t0, rows };
        });
      });
    const papa = () =>
      step(result, 'parsePapa', () =>
        page.evaluate(() => {
          window.gc?.();
          const t0 = performance.now();
          const text = new TextDecoder().decode(window.__bytes);
          const parsed = window.Papa.parse(text, { header: true, delimiter: ';' });
          const ms = performance.now() - t0;
          return { ms, rows: parsed.data.length, errors: parsed.errors.length };
        }),
      );
    // Alternate which goes first, so neither always meets a warmer page.
    if (runIndex % 2) {
      await papa();
      await ours();
    } else {
      await ours();
      await papa();
    }

    await step(result, 'importBaseline', () =>
      page.evaluate(async () => {
        window.gc?.();
        const db = new window.Dexie('baseline-contacts');
        db.version(1).stores({ contacts: 'id' });
        await db.open();
        const t0 = performance.now();
        const text = new TextDecoder().decode(window.__bytes);
        const parsed = window.Papa.parse(text, { header: true, delimiter: ';', skipEmptyLines: true });
        const tParsed = performance.now();
        const phones = (...xs) => xs.filter(Boolean);
        const contacts = parsed.data.map((r, i) => ({
          id: i + 1,
          lastName: r['Фамилия'],
          firstName: r['Имя'],
          middleName: r['Отчество'],
          company: r['Компания'],
          position: r['Должность'],
          phones: phones(r['Моб. телефон'], r['Раб. телефон']),
          emails: phones(r['E-mail'], r['E-mail (личный)']),
          telegram: r['Telegram'],
          whatsapp: r['WhatsApp'],
          skype: r['Skype'],
          address: r['Адрес'],
          source: r['Источник'],
          status: r['Статус'],
          confirmedOn: r['Дата подтверждения'],
          addedOn: r['Дата добавления'],
          inn: r['ИНН'],
          kpp: r['КПП'],
          note: r['Комментарий'],
        }));
        const tMapped = performance.now();
        await db.transaction('rw', db.contacts, () => db.contacts.bulkPut(contacts));
        const t1 = performance.now();
        const stored = await db.contacts.count();
        db.close();
        return { ms: t1 - t0, parseMs: tParsed - t0, mapMs: tMapped - tParsed, putMs: t1 - tMapped, stored };
      }),
    );
  } finally {
    await ctx.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- sizes

function sizes(dist) {
  const out = {};
  for (const name of readdirSync(dist)) {
    const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'js' : null;
    if (!kind) continue;
    const bytes = readFileSync(join(dist, name));
    out[kind] = { file: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return out;
}

// ---------------------------------------------------------------- report

const fmtMs = (ms) => (ms == null ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const fmtMB = (b) => (b == null ? '—' : `${mb(b).toFixed(1)} MB`);
const fmtRatio = (a, b) => (a == null || b == null || !b ? '—' : `${(a / b).toFixed(2)}×`);
const num = (n) => n.toLocaleString('en-US');

function summarise(runs, key, field = 'ms') {
  const values = runs.map((r) => r[key]?.[field]);
  const errors = runs.map((r) => r[key]?.error).filter(Boolean);
  return { value: median(values), perRun: values, errors };
}

function cell(s, fmt = fmtMs) {
  if (s.value == null) return s.errors[0]?.startsWith('not run') ? s.errors[0] : `failed: ${s.errors[0] ?? 'no result'}`;
  const note = s.errors.length ? ` (${s.errors.length} run(s) failed: ${s.errors[0]})` : '';
  return fmt(s.value) + note;
}

function perRun(s, fmt = fmtMs) {
  return s.perRun.map((v) => (v == null ? 'failed' : fmt(v))).join(' · ');
}

function section(meta, runs, size) {
  const bytes = meta.bytes;
  const S = (k, f) => summarise(runs, k, f);
  const parseOurs = S('parseOurs');
  const parsePapa = S('parsePapa');
  const rate = (s) => (s.value ? `${(mb(bytes) / (s.value / 1000)).toFixed(1)} MB/s` : '—');
  const imp = S('import');
  const impPreview = S('import', 'previewMs');
  const impStore = S('import', 'storeMs');
  const base = S('importBaseline');
  const baseParse = S('importBaseline', 'parseMs');
  const baseMap = S('importBaseline', 'mapMs');
  const basePut = S('importBaseline', 'putMs');
  const cold = S('coldOpen');
  const coldRow = S('coldOpen', 'firstRowMs');
  const p50 = S('search', 'p50');
  const p95 = S('search', 'p95');
  const dropped = S('scroll', 'dropped');
  const maxRows = S('scroll', 'maxRowsInDom');
  const worst = S('scroll', 'worstFrameMs');
  const idle = S('scroll', 'idleDroppedOf60');
  const frames = S('scroll', 'frames');
  const exp = S('export');
  const expBytes = S('export', 'bytes');
  const heap = S('memoryAfterImport', 'jsHeapUsed');
  const wasm = S('memoryAfterImport', 'wasmMemory');
  const heapOpen = S('memoryAfterOpen', 'jsHeapUsed');
  const wasmOpen = S('memoryAfterOpen', 'wasmMemory');
  const stored = runs.map((r) => r.import?.stored).filter((x) => x != null);
  const baseStored = runs.map((r) => r.importBaseline?.stored).filter((x) => x != null);
  const oursRows = runs.map((r) => r.parseOurs?.rows).filter((x) => x != null);
  const papaRows = runs.map((r) => r.parsePapa?.rows).filter((x) => x != null);
  const counts = runs.find((r) => r.search?.counts)?.search.counts;
  const scroll = runs.find((r) => r.scroll?.scrollHeight)?.scroll;
  const count = (n) => (n == null ? '—' : n.toFixed(0));
  const px = (n) => `${num(Math.round(n))} px`;

  const lines = [];
  lines.push(`## ${num(meta.rows)} rows (${fmtMB(bytes)} of CSV)`);
  lines.push('');
  lines.push(`\`${meta.command}\` — ${meta.date} — \`nproc\` ${meta.nproc}, load average ${meta.load} at the start — ${meta.browser} — median of ${runs.length} run(s)${meta.capped ? ` — stopped by the ${opt.cap} s cap` : ''}`);
  lines.push('');
  lines.push('| figure | Kartoteka | baseline | ratio (Kartoteka ÷ baseline) | per run (Kartoteka) |');
  lines.push('|---|---|---|---|---|');
  lines.push(`| parse only: decode + CSV → rows (${oursRows[0] != null ? num(oursRows[0]) : '—'} rows; Papa ${papaRows[0] != null ? num(papaRows[0]) : '—'}) | ${cell(parseOurs)}, ${rate(parseOurs)} | PapaParse ${cell(parsePapa)}, ${rate(parsePapa)} | ${fmtRatio(parseOurs.value, parsePapa.value)} | ${perRun(parseOurs)} |`);
  lines.push(`| import through the UI: file chosen → report shown (${stored[0] != null ? num(stored[0]) : '—'} stored) | ${cell(imp)} | PapaParse + map + Dexie \`bulkPut\`: ${cell(base)} (${baseStored[0] != null ? num(baseStored[0]) : '—'} stored) | ${fmtRatio(imp.value, base.value)} | ${perRun(imp)} |`);
  lines.push(`| … of which file → preview / confirm → report | ${fmtMs(impPreview.value)} / ${fmtMs(impStore.value)} | parse ${fmtMs(baseParse.value)}, map ${fmtMs(baseMap.value)}, \`bulkPut\` ${fmtMs(basePut.value)} | | |`);
  lines.push(`| cold open with the base stored: navigation → first row visible, search box ready | ${cell(cold)} (first row painted at ${fmtMs(coldRow.value)}) | — | — | ${perRun(cold)} |`);
  lines.push(`| search as you type, ${SEARCH_TERMS.join('').length} keystrokes: keystroke → count settled, next frame | p50 ${cell(p50)}, p95 ${cell(p95)} | — | — | p95 ${perRun(p95)} |`);
  lines.push(`| scroll end to end in ${SCROLL_STEPS} rAF steps: max rows in the DOM; frames > 33.4 ms | ${count(maxRows.value)} rows; ${count(dropped.value)} of ${count(frames.value)} frames dropped, worst ${fmtMs(worst.value)} | idle page: ${count(idle.value)} of 60 frames > 33.4 ms | — | dropped ${perRun(dropped, count)} |`);
  lines.push(`| export to CSV: click → download (${expBytes.value != null ? fmtMB(expBytes.value) : '—'}) | ${cell(exp)} | — | — | ${perRun(exp)} |`);
  lines.push(`| memory after import: JS heap used / wasm memory | ${fmtMB(heap.value)} / ${fmtMB(wasm.value)} | — | — | wasm ${perRun(wasm, fmtMB)} |`);
  lines.push(`| memory after cold open: JS heap used / wasm memory | ${fmtMB(heapOpen.value)} / ${fmtMB(wasmOpen.value)} | — | — | wasm ${perRun(wasmOpen, fmtMB)} |`);
  if (size.wasm) lines.push(`| size: \`.wasm\` raw / gzip -9 | ${fmtMB(size.wasm.raw)} / ${fmtMB(size.wasm.gzip)} | — | — | |`);
  if (size.js) lines.push(`| size: \`.js\` raw / gzip -9 | ${(size.js.raw / 1e3).toFixed(1)} kB / ${(size.js.gzip / 1e3).toFixed(1)} kB | — | — | |`);
  lines.push('');
  if (counts) lines.push(`Search terms and the contacts each one finds: ${counts.map(([t, c]) => `\`${t}\` ${num(c)}`).join(', ')}.`);
  if (scroll) {
    const expected = meta.rows * 60;
    lines.push(`List height ${px(scroll.scrollHeight)} for ${num(meta.rows)} rows of 60 px (${px(expected)} expected)${scroll.scrollHeight < expected - 1000 ? ': the browser caps an element\'s height, so the rows past that point cannot be scrolled to' : ''}; the last row rendered at the bottom is row ${num(scroll.lastRowNumber ?? 0)}.`);
  }
  const failed = runs.flatMap((r, i) => Object.entries(r).filter(([, v]) => v?.error && !v.skipped).map(([k, v]) => `run ${i + 1} ${k}: ${v.error}`));
  if (failed.length) lines.push(`Failures: ${failed.join('; ')}.`);
  return lines.join('\n');
}

const HEAD = `# Benchmark results

Produced by \`bench/run.mjs\` (how to run it: the README's "Benchmarks"), each
section by the command shown in it, against a release build. Absolute times
depend on the machine and on whatever else it was running (the load average is
given); the ratios compare figures measured in the same run, in the same
browser, on the same bytes, so they travel better than the times. MB are
10^6 bytes. Each run starts from fresh browser contexts (empty IndexedDB, empty
HTTP cache); figures are medians of the runs.

- **parse only**: \`parse_csv_count\` (\`src/bench_api.rs\`: decode, sniff the
  delimiter, read the table, the steps an import runs before mapping) vs
  \`TextDecoder\` + \`Papa.parse(text, {header: true, delimiter: ';'})\`, both on
  one \`Uint8Array\` in the page, timed in the page. Papa counts a final empty
  line as a row.
- **import**: ours is the whole wizard as a user meets it (read the file,
  map and check every row, find duplicates, show the preview; confirm; write
  the chunks in one transaction; show the report), timed from Playwright. The
  baseline is the least a plain-JS app would do: PapaParse, one object per row,
  and one Dexie \`bulkPut\` transaction into a table without indexes; no
  validation, no duplicate check, no preview.
- **cold open**: reload with the base stored; from navigation start to the
  first task after the first frame that shows a contact row with the search
  box enabled.
- **search**: each character typed with \`page.keyboard.type\`; from the first
  keyboard/input event to the first animation frame after the last DOM
  change, once three frames pass without another.
- **scroll**: \`scrollTop\` of the list set once per animation frame, top to
  bottom in equal steps; "dropped" counts frame intervals over 2 × 16.7 ms.
- **memory**: read after \`gc()\` (\`--js-flags=--expose-gc\`):
  \`performance.memory.usedJSHeapSize\` (\`--enable-precise-memory-info\`) and
  the wasm memory's \`buffer.byteLength\`, from the exports that Trunk's
  loader hands to its \`TrunkApplicationStarted\` event. Wasm memory never
  shrinks, so after import it is the import's peak.
`;

function writeResults(meta, runs, size) {
  const file = join(here, 'RESULTS.md');
  const marker = (rows, end) => `<!-- ${end ? '/' : ''}rows ${rows} -->`;
  const sections = new Map();
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<!-- rows (\d+) -->\n([\s\S]*?)\n<!-- \/rows \1 -->/g)) sections.set(Number(m[1]), m[2]);
  }
  sections.set(meta.rows, section(meta, runs, size));
  const body = [...sections.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rows, text]) => `${marker(rows)}\n${text}\n${marker(rows, true)}`)
    .join('\n\n');
  writeFileSync(file, `${HEAD}\n${body}\n`);
  return file;
}

// ---------------------------------------------------------------- main

async function main() {
  const dist = opt.dist;
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`no build in ${dist}: run \`trunk build --release\` first (or pass --dist)`);
    process.exit(1);
  }
  log(`data: ${opt.rows} rows`);
  const file = await cached(opt.rows);
  const bytes = statSync(file).size;

  // Serve the build with the data file next to it, from a scratch directory.
  const root = mkdtempSync(join(tmpdir(), 'kartoteka-bench-'));
  for (const name of readdirSync(dist)) symlinkSync(join(dist, name), join(root, name));
  symlinkSync(file, join(root, 'bench-data.csv'));
  const port = await freePort(opt.port);
  const server = await serve(root, port);
  log(`serving ${dist} on ${server.url}`);

  const meta = {
    rows: opt.rows,
    bytes,
    command,
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    nproc: execSync('nproc').toString().trim(),
    load: loadavg().map((x) => x.toFixed(2)).join(' '),
    cpu: cpus()[0]?.model,
    capped: false,
  };

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  meta.browser = `Chromium ${browser.version()}`;
  const cap = setTimeout(async () => {
    meta.capped = live.capped = true;
    log(`the ${opt.cap} s cap is reached: closing the browser`);
    // What the page shows, if it still answers within a few seconds.
    try {
      live.atCap = await Promise.race([
        live.page.evaluate(() => {
          const progress = document.querySelector('[data-testid=import-progress]')?.textContent?.trim();
          const wasm = window.__benchWasm?.memory?.buffer?.byteLength;
          return [progress ? `progress "${progress}"` : 'no progress bar', wasm ? `wasm memory ${(wasm / 1e6).toFixed(0)} MB` : ''].filter(Boolean).join(', ');
        }),
        new Promise((r) => setTimeout(() => r('the page did not answer within 5 s'), 5000)),
      ]);
    } catch (e) {
      live.atCap = 'the page could not be asked';
    }
    log(`  at the cap: ${live.atCap}`);
    browser.close().catch(() => {});
  }, opt.cap * 1000);

  const runs = [];
  try {
    for (let i = 0; i < opt.runs && !meta.capped; i++) {
      log(`run ${i + 1} of ${opt.runs}`);
      const result = {};
      runs.push(result);
      await baselineRun(browser, server.url, i, result).catch((e) => (result.baselineError = String(e)));
      delete result.crashed;
      if (!meta.capped) await appRun(browser, server.url, file, opt.rows, result).catch((e) => (result.appError = String(e)));
      delete result.crashed;
    }
  } finally {
    clearTimeout(cap);
    await browser.close().catch(() => {});
    server.child.kill();
    rmSync(root, { recursive: true, force: true });
  }

  const size = sizes(dist);
  mkdirSync(CACHE, { recursive: true });
  const json = join(CACHE, `results-${opt.rows}.json`);
  writeFileSync(json, JSON.stringify({ meta, size, runs }, null, 2));
  const text = section(meta, runs, size);
  console.log(text);
  if (opt.write) log(`written to ${writeResults(meta, runs, size)} and ${json}`);
}

await main();
