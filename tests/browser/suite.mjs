#!/usr/bin/env node
// The browser suite: crawls a running Temaplan in headless Chromium and checks
// every page it finds, so a page added later is checked without anyone
// listing it.
//
//   node suite.mjs BASE_URL [--login EMAIL:PASSWORD]... [--keep DIR]
//
// For every same-site page reachable from `/` (and from each demo role's start
// page after logging in through the real login form), in Bokmål, Nynorsk and
// English:
//   - axe-core (WCAG 2.0/2.1 A and AA) at 375 px and 1280 px, plus reflow at
//     375 px (no sideways scrolling, WCAG 1.4.10);
//   - the Nu HTML Checker (vnu.jar, one JVM run over all pages at the end);
//   - every link and sub-resource answers below 400, every `#fragment` link
//     has its target, and no page is slower than a generous bound;
//   - every form that posts is submitted once empty (its error state): no 500,
//     and the page it answers with gets the same checks;
//   - in Bokmål at desktop width, every control is reached with Tab and shows
//     a visible focus indicator.
// Then a citizen's journey by keyboard only (see `journey`), and a planner's
// at both widths (see planner-journey.mjs).
//
// Exit code 0: all passed; 1: failures (listed, each naming page and rule);
// 2: the suite itself could not run.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWN_GAPS } from './known-gaps.mjs';
import { plannerJourney } from './planner-journey.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const LANGS = ['nb', 'nn', 'en'];
const WIDTHS = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 900 },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Generous bounds that catch accidents (a query per row, a sleep), not a
// benchmark: the server's answer, and the page loaded with its resources.
const SLOW_RESPONSE_MS = Number(process.env.TEMAPLAN_SUITE_SLOW_MS || 2000);
const SLOW_LOAD_MS = SLOW_RESPONSE_MS * 2;
// Pages of one shape (same path with other ids) checked per language: enough
// to catch a template's faults without checking every row of the data.
const PER_SHAPE = 3;
const MAX_PAGES = 600;
const MAX_TABS = 400;
// Never followed during the crawl: they end the session.
const NEVER_FOLLOW = [/^\/logg-ut(\/|$)/];
// Followed only with a cookieless request that does not follow the redirect:
// they change the session's state (the language cookie).
const STATE_LINKS = [/^\/sprak\//];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
// The demo plan the journey looks for.
const DEMO_PLAN_TITLE = 'Temaplan for digitalisering og smart teknologi';
const DEMO_MILESTONE = 'Mandat og rammer vedtatt i formannskapet';
const HEARING_PLAN_TITLE = 'Temaplan for klima og miljø';

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const options = { base: null, logins: [], keep: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--login') {
      const value = argv[++i] || '';
      const colon = value.indexOf(':');
      if (colon < 1) usage(`--login wants EMAIL:PASSWORD, got '${value}'`);
      options.logins.push({ email: value.slice(0, colon), password: value.slice(colon + 1) });
    } else if (arg === '--keep') {
      options.keep = argv[++i];
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else if (!options.base) {
      options.base = arg.replace(/\/+$/, '');
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  if (!options.base) usage('the base URL is missing');
  return options;
}

function usage(why) {
  console.error(`browser suite: ${why}\nusage: node suite.mjs BASE_URL [--login EMAIL:PASSWORD]... [--keep DIR]`);
  process.exit(2);
}

// ---------------------------------------------------------------- results

const failures = [];
const notes = [];
const stats = { pages: 0, checks: 0, axeRuns: 0, links: 0, forms: 0, tabs: 0, validated: 0 };

function fail(kind, where, detail) {
  failures.push({ kind, where, detail });
  console.error(`  FAIL ${kind}: ${where}: ${detail}`);
}

function note(text) {
  notes.push(text);
  console.error(`  note: ${text}`);
}

function log(text) {
  console.error(text);
}

// ---------------------------------------------------------------- helpers

function pathOf(url) {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** The page's shape: its path with ids and query values blanked. */
function shapeOf(url) {
  const u = new URL(url);
  const segments = u.pathname.split('/').map((s) => (/\d/.test(s) ? '{id}' : s));
  const query = [...u.searchParams.keys()].sort().join('&');
  return segments.join('/') + (query ? `?${query}` : '');
}

function knownGap(url) {
  const p = new URL(url).pathname;
  return KNOWN_GAPS.find((gap) => gap.path === p);
}

function isHtml(headers) {
  return (headers['content-type'] || '').startsWith('text/html');
}

/** Checks a link's status, minding the known gaps; true when it answered well. */
function judgeStatus(url, status, from) {
  const gap = knownGap(url);
  if (gap) {
    if (status === gap.status) return false;
    fail(
      'known gap fixed',
      pathOf(url),
      `answers ${status} now, not ${gap.status}: delete its entry from tests/browser/known-gaps.mjs`,
    );
    return status < 400;
  }
  if (status >= 400) {
    fail('dead link', pathOf(url), `answers ${status} (linked from ${from})`);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- the crawl

class Suite {
  constructor(options, browser, axeSource, outDir) {
    this.base = options.base;
    this.origin = new URL(options.base).origin;
    this.options = options;
    this.browser = browser;
    this.axeSource = axeSource;
    this.outDir = outDir;
    // (lang, path) already checked, by whichever session reached it first.
    this.checked = new Set();
    // (lang, shape) -> pages of that shape checked.
    this.shapes = new Map();
    // Pages with forms that post: (lang, path, form index) -> context to use.
    this.forms = new Map();
    // Files for the HTML checker: file name -> where it came from.
    this.htmlFiles = new Map();
    this.stateLinksChecked = new Set();
  }

  async newContext(storageState, lang) {
    const context = await this.browser.newContext({
      storageState,
      viewport: { width: WIDTHS[1].width, height: WIDTHS[1].height },
      // axe is injected as a script tag; the site's CSP (rightly) forbids that.
      bypassCSP: true,
      locale: lang === 'en' ? 'en-GB' : 'nb-NO',
    });
    await context.addCookies([{ name: 'lang', value: lang, url: this.base + '/' }]);
    return context;
  }

  /** Logs in through the real login form; the session's state and start page. */
  async login({ email, password }) {
    const context = await this.newContext(undefined, 'nb');
    const page = await context.newPage();
    try {
      const response = await page.goto(this.base + '/logg-inn');
      if (!response || response.status() === 404) return 'no-login-page';
      const form = page.locator('form:has(input[name="password"])').first();
      await form.locator('input[name="email"]').fill(email);
      await form.locator('input[name="password"]').fill(password);
      await Promise.all([
        page.waitForNavigation(),
        form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first().click(),
      ]);
      const landed = new URL(page.url());
      if (landed.pathname.startsWith('/logg-inn')) {
        fail('login', email, `the login form did not let the demo user in (still at ${landed.pathname})`);
        return null;
      }
      return { state: await context.storageState(), start: landed.pathname + landed.search };
    } finally {
      await context.close();
    }
  }

  /** Crawls from `starts` in one session and language. */
  async crawl(sessionName, storageState, lang, starts) {
    const context = await this.newContext(storageState, lang);
    const page = await context.newPage();
    const seen = new Set();
    const visitedShapes = new Map();
    const queue = starts.map((start) => ({ url: new URL(start, this.base).href, from: '(start)' }));
    let visits = 0;
    try {
      while (queue.length > 0) {
        const { url, from } = queue.shift();
        const key = url.split('#')[0];
        if (seen.has(key)) continue;
        seen.add(key);
        const p = pathOf(key);
        if (NEVER_FOLLOW.some((re) => re.test(new URL(key).pathname))) continue;
        if (STATE_LINKS.some((re) => re.test(new URL(key).pathname))) {
          await this.checkStateLink(key, from);
          continue;
        }
        // Probe first: the status and time of the server's answer, and
        // whether it is a page at all (assets, feeds and files are not).
        stats.links++;
        const started = Date.now();
        let probe;
        try {
          probe = await context.request.get(key, { maxRedirects: 10, timeout: 30000 });
        } catch (error) {
          fail('dead link', p, `no answer (${error.message.split('\n')[0]}) (linked from ${from})`);
          continue;
        }
        const ms = Date.now() - started;
        if (ms > SLOW_RESPONSE_MS) fail('slow', p, `answered in ${ms} ms (bound ${SLOW_RESPONSE_MS} ms)`);
        if (!judgeStatus(key, probe.status(), from)) continue;
        const final = probe.url();
        if (new URL(final).origin !== this.origin || !isHtml(probe.headers())) continue;
        const finalKey = final.split('#')[0];
        if (finalKey !== key) {
          if (seen.has(finalKey)) continue;
          seen.add(finalKey);
        }
        const shape = shapeOf(finalKey);
        const shapeVisits = visitedShapes.get(shape) || 0;
        if (shapeVisits >= PER_SHAPE) continue;
        visitedShapes.set(shape, shapeVisits + 1);
        if (++visits > MAX_PAGES) {
          fail('crawl', sessionName, `more than ${MAX_PAGES} pages: raise MAX_PAGES in tests/browser/suite.mjs`);
          break;
        }
        const links = await this.visit(page, finalKey, lang, sessionName, 200);
        for (const link of links) queue.push({ url: link, from: pathOf(finalKey) });
      }
    } finally {
      await context.close();
    }
    return visits;
  }

  /** A link that changes state: only its answer is checked, without cookies. */
  async checkStateLink(url, from) {
    const p = pathOf(url);
    if (this.stateLinksChecked.has(p)) return;
    this.stateLinksChecked.add(p);
    stats.links++;
    const response = await fetch(url, { redirect: 'manual' });
    judgeStatus(url, response.status, from);
    const location = response.headers.get('location');
    if (location && new URL(location, url).origin !== this.origin) {
      fail('open redirect', p, `sends the browser to ${location}`);
    }
  }

  /**
   * Loads a page in the browser, checks it if this language has not checked
   * it yet, and returns its same-site links.
   */
  async visit(page, url, lang, sessionName, expectStatus, label) {
    const p = pathOf(url);
    const badResources = [];
    const onResponse = (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== 'document') {
        badResources.push(`${pathOf(response.url())} answers ${response.status()}`);
      }
    };
    page.on('response', onResponse);
    const started = Date.now();
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    } finally {
      page.off('response', onResponse);
    }
    const ms = Date.now() - started;
    const status = response ? response.status() : 0;
    if (status !== expectStatus) {
      fail('status', p, `expected ${expectStatus}, the browser got ${status}`);
      return [];
    }
    if (ms > SLOW_LOAD_MS) fail('slow', p, `loaded in ${ms} ms (bound ${SLOW_LOAD_MS} ms)`);
    for (const bad of badResources) fail('dead resource', `${lang} ${p}`, bad);
    const found = await page.evaluate(harvest);
    const links = found.links.filter((href) => {
      try {
        return new URL(href).origin === this.origin;
      } catch {
        return false;
      }
    });
    const key = `${lang} ${label || p}`;
    if (!this.checked.has(key)) {
      this.checked.add(key);
      stats.pages += lang === 'nb' ? 1 : 0;
      await this.checkPage(page, response, lang, label || p, sessionName);
      for (const fragment of found.brokenFragments) {
        fail('broken fragment', `${lang} ${p}`, `link to #${fragment} has no element with that id`);
      }
      for (let i = 0; i < found.postForms.length; i++) {
        const formKey = `${lang} ${p} ${i}`;
        if (!this.forms.has(formKey)) {
          this.forms.set(formKey, { url, lang, index: i, sessionName, form: found.postForms[i] });
        }
      }
    }
    return links;
  }

  /** axe at both widths, reflow at the phone width, the HTML saved for vnu. */
  async checkPage(page, response, lang, label, sessionName) {
    stats.checks++;
    const where = `${lang} ${label}${sessionName === 'public' ? '' : ` [${sessionName}]`}`;
    log(`  check ${where}`);
    const body = await response.text();
    const file = `${String(this.htmlFiles.size + 1).padStart(4, '0')}.html`;
    fs.writeFileSync(path.join(this.outDir, file), body);
    this.htmlFiles.set(file, where);
    const lacksAxe = await page.evaluate(() => typeof window.axe === 'undefined');
    if (lacksAxe) await page.addScriptTag({ content: this.axeSource });
    for (const viewport of WIDTHS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      stats.axeRuns++;
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        AXE_TAGS,
      );
      for (const violation of result.violations) {
        for (const node of violation.nodes) {
          fail(
            `axe ${violation.id}`,
            `${where} at ${viewport.width} px`,
            `${violation.help} — element ${node.target.join(' ')}: ${node.html.slice(0, 160)}` +
              ` (${violation.helpUrl})`,
          );
        }
      }
      if (viewport.name === 'phone') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) {
          fail('reflow', `${where} at ${viewport.width} px`, `the page scrolls sideways by ${overflow} px (WCAG 1.4.10)`);
        }
      }
    }
    if (lang === 'nb' && !label.includes('submitted empty')) await this.checkKeyboard(page, where);
  }

  /** Every control reached with Tab, each with a visible focus indicator. */
  async checkKeyboard(page, where) {
    const controls = await page.evaluate(markFocusables);
    await page.evaluate(() => {
      if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
      window.scrollTo(0, 0);
    });
    // Start from the top of the document, as a keyboard user arriving does.
    await page.keyboard.press('Tab');
    const reached = new Set();
    let first = null;
    for (let i = 0; i < Math.min(MAX_TABS, controls.length * 2 + 5); i++) {
      const focus = await page.evaluate(describeFocus);
      stats.tabs++;
      if (focus && focus.id) {
        if (focus.id === first) break;
        if (first === null) first = focus.id;
        reached.add(focus.group || focus.id);
        if (!focus.indicator) {
          fail('focus not visible', where, `${focus.desc} has no visible focus indicator (WCAG 2.4.7)`);
        }
        if (!focus.inView) fail('focus off screen', where, `${focus.desc} is focused but not on screen`);
      }
      await page.keyboard.press('Tab');
    }
    for (const control of controls) {
      if (!reached.has(control.group || control.id)) {
        fail('not reachable by Tab', where, `${control.desc} is never focused by Tab (WCAG 2.1.1)`);
      }
    }
  }

  /** Each form that posts, submitted once empty: no 500, and its page checked. */
  async submitFormsEmpty(sessions) {
    for (const { url, lang, index, sessionName, form } of this.forms.values()) {
      const p = pathOf(url);
      if (NEVER_FOLLOW.some((re) => re.test(form.actionPath)) || STATE_LINKS.some((re) => re.test(form.actionPath))) {
        continue;
      }
      if (!form.fillable) continue; // a lone button acts; submitting it is no error state
      // Staff forms' error states are checked in Bokmål only (their nn and en
      // messages are checked by the API tests and the crawl); the public's
      // forms in every language. Keeps CI under its 20 minutes.
      if (lang !== 'nb' && sessionName !== 'public') continue;
      stats.forms++;
      const context = await this.newContext(sessions.get(sessionName), lang);
      const page = await context.newPage();
      try {
        await page.goto(url);
        const navigations = [];
        page.on('response', (r) => {
          if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) navigations.push(r);
        });
        const submitted = await page.evaluate(emptyAndMark, index);
        if (!submitted) {
          fail('form', `${lang} ${p}`, `form ${index + 1} has no submit button`);
          continue;
        }
        await Promise.all([page.waitForNavigation({ timeout: 30000 }), page.locator('[data-tp-submit]').click()]);
        const final = navigations.filter((r) => r.status() < 300 || r.status() >= 400).pop();
        const status = final ? final.status() : 0;
        const label = `${p} (form ${index + 1} submitted empty)`;
        if (status >= 500 || status === 0) {
          fail('form error state', `${lang} ${label}`, `answers ${status}: an empty form must get field errors`);
          continue;
        }
        if (status >= 400) note(`${lang} ${label} answers ${status}`);
        this.checked.add(`${lang} ${label}`);
        await this.checkPage(page, final, lang, label, sessionName);
      } finally {
        await context.close();
      }
    }
  }

  /** The 404 page in each language: users see it too. */
  async checkErrorPages() {
    for (const lang of LANGS) {
      const context = await this.newContext(undefined, lang);
      const page = await context.newPage();
      try {
        await this.visit(page, `${this.base}/finnes-ikke-${Date.now()}`, lang, 'public', 404, '(the 404 page)');
      } finally {
        await context.close();
      }
    }
  }

  /** One JVM run of the Nu HTML Checker over every saved page. */
  async validateHtml() {
    const files = [...this.htmlFiles.keys()].map((f) => path.join(this.outDir, f));
    if (files.length === 0) return;
    const jar = path.join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
    const started = Date.now();
    const output = await new Promise((resolve, reject) => {
      execFile(
        'java',
        ['-Xss1024k', '-jar', jar, '--errors-only', '--format', 'json', '--stdout', '--exit-zero-always', ...files],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    stats.validated = files.length;
    log(`  validated ${files.length} pages with the Nu HTML Checker in ${Date.now() - started} ms`);
    const report = JSON.parse(output);
    for (const message of report.messages || []) {
      if (message.type !== 'error' && message.type !== 'non-document-error') continue;
      const file = message.url ? path.basename(message.url) : '?';
      const where = this.htmlFiles.get(file) || file;
      const at = message.lastLine ? ` (line ${message.lastLine})` : '';
      const extract = message.extract ? `: ${message.extract.replace(/\s+/g, ' ').trim().slice(0, 120)}` : '';
      fail('html', where + at, `${message.message}${extract}`);
    }
  }
}

// ---------------------------------------------------------------- in the page
// These run inside the browser: no closures over Node's variables.

function harvest() {
  const links = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (/^https?:/.test(a.href)) links.push(a.href);
  }
  const brokenFragments = [];
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (id && !document.getElementById(id) && !document.getElementsByName(id).length) brokenFragments.push(id);
  }
  const postForms = [...document.forms]
    .filter((form) => (form.getAttribute('method') || 'get').toLowerCase() === 'post')
    .map((form) => ({
      actionPath: new URL(form.action || location.href).pathname,
      fillable: [...form.elements].some(
        (el) =>
          (el.tagName === 'TEXTAREA' ||
            (el.tagName === 'INPUT' && !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))) &&
          !el.disabled,
      ),
    }));
  return { links, brokenFragments, postForms };
}

function emptyAndMark(index) {
  const forms = [...document.forms].filter(
    (form) => (form.getAttribute('method') || 'get').toLowerCase() === 'post',
  );
  const form = forms[index];
  if (!form) return false;
  // The server's error state, not the browser's: skip `required` checks.
  form.noValidate = true;
  for (const el of form.elements) {
    if (el.tagName === 'TEXTAREA') el.value = '';
    if (el.tagName !== 'INPUT') continue;
    if (['checkbox', 'radio'].includes(el.type)) el.checked = false;
    else if (el.type === 'file') el.value = '';
    else if (!['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)) el.value = '';
  }
  const button = [...form.elements].find(
    (el) => (el.tagName === 'BUTTON' && (el.type || 'submit') === 'submit') || (el.tagName === 'INPUT' && el.type === 'submit'),
  );
  if (!button) return false;
  // A form folded in a closed <details> is sent as its user would: opened first.
  for (let folded = form.closest('details'); folded; folded = folded.parentElement.closest('details')) {
    folded.open = true;
  }
  button.setAttribute('data-tp-submit', '');
  return true;
}

function markFocusables() {
  const selector = [
    'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea', 'summary',
    'iframe', '[tabindex]', '[contenteditable="true"]',
  ].join(',');
  const out = [];
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.closest('[inert]')) continue;
    if (el.hasAttribute('tabindex') && Number(el.getAttribute('tabindex')) < 0) continue;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') continue;
    // A closed <details> shows only its summary: what it folds away is not
    // on the page until the summary opens it (the summary itself is checked).
    const folded = el.closest('details:not([open])');
    if (folded && !(el.tagName === 'SUMMARY' && el.parentElement === folded)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    el.dataset.tpFocus = String(++n);
    const group = el.type === 'radio' && el.name ? `radio:${el.form ? [...document.forms].indexOf(el.form) : ''}:${el.name}` : null;
    out.push({ id: el.dataset.tpFocus, group, desc: describe(el) });
  }
  return out;

  function describe(el) {
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '').replace(/\s+/g, ' ').trim();
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${text.slice(0, 40)}"`;
  }
}

function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && !/, 0\)$|transparent/.test(style.outlineColor);
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const text = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '').replace(/\s+/g, ' ').trim();
  const group = el.type === 'radio' && el.name ? `radio:${el.form ? [...document.forms].indexOf(el.form) : ''}:${el.name}` : null;
  return {
    id: el.dataset.tpFocus || null,
    group,
    indicator: Boolean(outline || shadow),
    inView,
    desc: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${text.slice(0, 40)}"`,
  };
}

// ---------------------------------------------------------------- the journey

/**
 * A citizen, keyboard only: finds the demo plan from the home page, reads its
 * progress plan, sends a hearing submission when a hearing is open, and
 * switches the language to Nynorsk and English, which sticks.
 */
async function journey(suite) {
  log('journey: a citizen, keyboard only');
  const context = await suite.newContext(undefined, 'nb');
  // A citizen arrives with no language cookie: the switcher sets it.
  await context.clearCookies();
  const page = await context.newPage();
  try {
    await page.goto(suite.base + '/');
    await expectLang(page, 'nb', 'the home page, first visit');

    // The skip link comes first and moves focus to the main content.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement.getAttribute('href'));
    if (skip !== '#main') fail('journey', '/', `the first Tab stop is ${skip}, not the skip link to #main`);
    await page.keyboard.press('Enter');
    const inMain = await page.evaluate(() => document.activeElement.id === 'main' || !!document.activeElement.closest('main'));
    if (!inMain) fail('journey', '/', 'Enter on the skip link does not move focus to the main content');
    step(page, 'the skip link moves focus to the main content');

    // Find the demo plan and open it with the keyboard.
    const reached = await tabTo(page, (el, want) => el.tagName === 'A' && el.textContent.includes(want), DEMO_PLAN_TITLE);
    if (!reached) {
      fail('journey', '/', `no link to "${DEMO_PLAN_TITLE}" is reached with Tab`);
    } else {
      const planHref = await page.evaluate(() => document.activeElement.href);
      const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      const gap = knownGap(planHref);
      if (gap && response.status() === gap.status) {
        note(`journey stops at the home page: ${gap.path} is a known gap (${gap.reason})`);
      } else if (response.status() !== 200) {
        fail('journey', pathOf(planHref), `the demo plan's page answers ${response.status()}`);
      } else {
        step(page, 'found the demo plan from the home page');
        await readProgressPlan(page);
        await sendSubmission(page);
      }
    }

    // The plan whose hearing is open (marked on the home page): a submission
    // by keyboard, to its receipt.
    await page.goto(suite.base + '/');
    if (await tabTo(page, (el, want) => el.tagName === 'A' && el.textContent.includes(want), HEARING_PLAN_TITLE)) {
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      step(page, 'found the plan whose hearing is open');
      await sendSubmission(page);
    } else {
      fail('journey', '/', `no link to "${HEARING_PLAN_TITLE}" is reached with Tab`);
    }

    // The language switcher, by keyboard; the choice sticks.
    await page.goto(suite.base + '/');
    for (const lang of ['nn', 'en']) {
      const ok = await tabTo(page, (el, want) => el.tagName === 'A' && el.getAttribute('hreflang') === want, lang);
      if (!ok) {
        fail('journey', '/', `the language switcher's link to ${lang} is not reached with Tab`);
        continue;
      }
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await expectLang(page, lang, `after choosing ${lang} in the switcher`);
      await page.goto(suite.base + '/');
      await expectLang(page, lang, `the home page visited again after choosing ${lang}`);
      const target = await page.evaluate(() => {
        const a = document.querySelector('footer a[href="/tilgjengelighet"]');
        return a ? a.href : null;
      });
      if (target) {
        await page.goto(target);
        await expectLang(page, lang, `the accessibility statement after choosing ${lang}`);
        await page.goto(suite.base + '/');
      }
      step(page, `the switcher changes the site to ${lang}, and it sticks`);
    }
  } finally {
    await context.close();
  }
}

async function expectLang(page, lang, when) {
  const actual = await page.evaluate(() => document.documentElement.lang);
  if (actual !== lang) fail('journey', pathOf(page.url()), `${when}: the page is in '${actual}', not '${lang}'`);
}

/** Presses Tab until `predicate(el, want)` holds in the page; false if it never does. */
async function tabTo(page, predicate, want) {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      ([source, w]) => {
        const el = document.activeElement;
        if (!el || el === document.body) return false;
        return Boolean(new Function('el', 'want', `return (${source})(el, want);`)(el, w));
      },
      [predicate.toString(), want],
    );
    if (hit) return true;
  }
  return false;
}

async function readProgressPlan(page) {
  if (await page.getByText(DEMO_MILESTONE).count()) {
    step(page, 'reads the progress plan on the plan page');
    return;
  }
  const ok = await tabTo(page, (el) => el.tagName === 'A' && /fremdrift|progress/i.test(el.textContent), '');
  if (!ok) {
    fail('journey', pathOf(page.url()), `the progress plan ("${DEMO_MILESTONE}") is neither on the plan page nor linked from it`);
    return;
  }
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  if (!(await page.getByText(DEMO_MILESTONE).count())) {
    fail('journey', pathOf(page.url()), `the progress plan does not show "${DEMO_MILESTONE}"`);
    return;
  }
  step(page, 'reads the progress plan');
}

function step(page, text) {
  log(`  journey: ${text} (${pathOf(page.url())})`);
}

/** When a hearing is open: fill the submission form by keyboard and get a receipt. */
async function sendSubmission(page) {
  const ok = await tabTo(
    page,
    (el) => (el.tagName === 'A' || el.tagName === 'BUTTON') && /innspel|innspill|submission/i.test(el.textContent),
    '',
  );
  if (!ok) {
    note('journey: no hearing is open on the demo plan (no link to send a submission); the submission step is skipped');
    return;
  }
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const fields = await page.evaluate(() => {
    const form = [...document.forms].find((f) => (f.getAttribute('method') || '').toLowerCase() === 'post' && f.querySelector('textarea'));
    if (!form) return null;
    let n = 0;
    return [...form.elements]
      .filter((el) => !el.disabled && el.type !== 'hidden' && el.getClientRects().length)
      .map((el) => {
        el.dataset.tpField = String(++n);
        return { id: el.dataset.tpField, tag: el.tagName, type: el.type, name: el.name, required: el.required };
      });
  });
  if (!fields) {
    fail('journey', pathOf(page.url()), 'the submission page has no form with a text field');
    return;
  }
  const doneRadios = new Set();
  for (const field of fields) {
    const isSubmit = field.type === 'submit';
    const wanted = field.tag === 'TEXTAREA' || field.type === 'email' || field.required || isSubmit;
    if (!wanted) continue;
    if (field.type === 'radio' && doneRadios.has(field.name)) continue;
    if (!(await tabTo(page, (el, want) => el.dataset.tpField === want, field.id))) {
      fail('journey', pathOf(page.url()), `the field ${field.name || field.id} is not reached with Tab`);
      return;
    }
    if (isSubmit) break;
    if (field.tag === 'TEXTAREA') await page.keyboard.type('Innspill fra nettleserprøven: mer digital medvirkning, takk.');
    else if (field.type === 'email') await page.keyboard.type('innbygger@example.org');
    else if (field.type === 'checkbox' || field.type === 'radio') {
      await page.keyboard.press('Space');
      doneRadios.add(field.name);
    } else if (field.tag === 'SELECT') await page.keyboard.press('ArrowDown');
    else await page.keyboard.type('Nettleserprøven');
  }
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const receipt = await page.evaluate(() => document.body.innerText);
  if (response.status() >= 400 || !/TP-\d{4}-\d+/.test(receipt)) {
    const errors = await page.evaluate(() => [...document.querySelectorAll('.error-summary, .error-message')].map((e) => e.innerText.trim()).join(' | '));
    fail('journey', pathOf(page.url()), `sending a submission shows no receipt with a reference (status ${response.status()}): ${errors}`);
    return;
  }
  step(page, 'sent a submission and sees the receipt');
}

// ---------------------------------------------------------------- main

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const executablePath = process.env.TEMAPLAN_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    console.error(`browser suite: no Chromium at ${executablePath} (apt-get install chromium chromium-driver)`);
    process.exit(2);
  }
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const outDir = options.keep || fs.mkdtempSync(path.join(os.tmpdir(), 'temaplan-browser-'));
  fs.mkdirSync(outDir, { recursive: true });
  // Playwright starts Chromium with a fresh, empty profile folder of its own
  // and removes it afterwards.
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  log(`browser suite: ${options.base} in ${await browser.version()}`);
  const suite = new Suite(options, browser, axeSource, outDir);
  try {
    const sessions = new Map([['public', undefined]]);
    const starts = new Map([['public', ['/']]]);
    for (const login of options.logins) {
      const result = await suite.login(login);
      if (result === 'no-login-page') {
        note('no login page at /logg-inn yet: the logged-in crawl is skipped');
        break;
      }
      if (result) {
        sessions.set(login.email, result.state);
        // The demo member starts in the reading room too: /mine-moter, and
        // through its links the meetings' pages (/mine-moter/{id}).
        const readingRoom = login.email === 'politiker@demo.example' ? ['/mine-moter'] : [];
        starts.set(login.email, [...readingRoom, result.start, '/']);
      }
    }
    for (const [name, state] of sessions) {
      for (const lang of LANGS) {
        const t = Date.now();
        log(`crawl: ${name}, ${lang}`);
        const pages = await suite.crawl(name, state, lang, starts.get(name));
        log(`  ${pages} pages in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    }
    log('error pages');
    await suite.checkErrorPages();
    log('forms, submitted empty');
    await suite.submitFormsEmpty(sessions);
    await journey(suite);
    await plannerJourney(suite, sessions, { fail, log, widths: WIDTHS });
    log('HTML validation');
    await suite.validateHtml();
  } finally {
    await browser.close();
    if (!options.keep) fs.rmSync(outDir, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `\nbrowser suite: ${stats.pages} pages, ${stats.checks} page checks in ${LANGS.length} languages, ` +
      `${stats.axeRuns} axe runs, ${stats.validated} HTML files validated, ${stats.links} links, ` +
      `${stats.forms} forms submitted empty, ${stats.tabs} Tab stops; ${seconds} s`,
  );
  for (const text of notes) log(`  note: ${text}`);
  if (failures.length > 0) {
    log(`\nbrowser suite FAILED: ${failures.length} problem(s):`);
    for (const f of failures) log(`  - ${f.kind}: ${f.where}: ${f.detail}`);
    process.exit(1);
  }
  log('browser suite: all checks passed');
}

main().catch((error) => {
  console.error(`browser suite: could not run: ${error.stack || error}`);
  process.exit(2);
});
