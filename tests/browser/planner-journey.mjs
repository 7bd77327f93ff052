// The planner's journey, at 375 px and 1280 px: a milestone with an error
// shows the error in view with focus on it; a save shows the success
// message; a delete asks first. Run by suite.mjs after the crawl.

const PLAN = '/planlegger/planer/digitalisering-og-smart-teknologi';
const PLANNER = 'planlegger@demo.example';

/** Whether the element matching `selector` is inside the viewport. */
async function inView(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight && r.height > 0;
  }, selector);
}

async function submit(page, form) {
  const [response] = await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').first().click()]);
  return response;
}

/** Waits for focus to land inside `selector` (autofocus runs after load). */
async function focusIn(page, selector) {
  try {
    await page.waitForFunction((sel) => !!document.activeElement && !!document.activeElement.closest(sel), selector, {
      timeout: 3000,
    });
    return true;
  } catch {
    return false;
  }
}

export async function plannerJourney(suite, sessions, { fail, log, widths }) {
  const state = sessions.get(PLANNER);
  if (!state) {
    fail('planner journey', PLANNER, 'the demo planner could not log in');
    return;
  }
  for (const viewport of widths) {
    log(`journey: a planner at ${viewport.width} px`);
    const where = (what) => `${what} at ${viewport.width} px`;
    const context = await suite.newContext(state, 'nb');
    const page = await context.newPage();
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const title = `Reisetest ${viewport.width}`;
    try {
      await page.goto(suite.base + PLAN + '/milepaeler');
      const addForm = () => page.locator(`form[action="${PLAN}/milepaeler"]`);
      await addForm().locator('input[name="milestone_title"]').fill(title);
      await addForm().locator('input[name="milestone_planned"]').fill('oktober 27');
      let response = await submit(page, addForm());
      if (response.status() !== 422) fail('planner journey', where('a milestone with an error'), `answers ${response.status()}, not 422`);
      if (!(await focusIn(page, '.error-summary'))) {
        fail('planner journey', where('a milestone with an error'), 'focus is not on the error summary');
      }
      if (!(await inView(page, '.error-summary'))) {
        fail('planner journey', where('a milestone with an error'), 'the error summary is not in the viewport');
      }
      const summary = (await page.locator('.error-summary').first().textContent()) || '';
      if (!summary.includes('Skriv året med fire sifre: oktober 2027')) {
        fail('planner journey', where('a milestone with an error'), `the summary says "${summary.trim()}"`);
      }
      log(`  journey: the error is in view with focus on it (${viewport.width} px)`);

      await addForm().locator('input[name="milestone_planned"]').fill('oktober 2027');
      response = await submit(page, addForm());
      const flash = page.locator('.flash[role="status"]');
      if ((await flash.count()) === 0 || !((await flash.first().textContent()) || '').includes('Milepælen er lagt til')) {
        fail('planner journey', where('a saved milestone'), 'no success message "Milepælen er lagt til"');
      } else if (!(await inView(page, '.flash'))) {
        fail('planner journey', where('a saved milestone'), 'the success message is not in the viewport');
      }
      log(`  journey: the save says so (${viewport.width} px)`);

      const deleteLink = page.locator('a', { hasText: `Slett ${title}` }).first();
      if ((await deleteLink.count()) === 0) {
        fail('planner journey', where('a delete'), `no delete link for "${title}"`);
        continue;
      }
      await Promise.all([page.waitForNavigation(), deleteLink.click()]);
      const question = (await page.locator('h1').first().textContent()) || '';
      if (!question.includes('Vil du slette')) {
        fail('planner journey', where('a delete'), `the delete did not ask first (h1 "${question.trim()}")`);
        continue;
      }
      response = await submit(page, page.locator('form[action$="/slett"]'));
      const after = (await page.locator('.flash').first().textContent().catch(() => '')) || '';
      if (!after.includes('Milepælen er slettet')) {
        fail('planner journey', where('a delete'), 'no message "Milepælen er slettet" after confirming');
      }
      if ((await page.locator('a', { hasText: `Slett ${title}` }).count()) !== 0) {
        fail('planner journey', where('a delete'), 'the milestone is still listed after the delete');
      }
      log(`  journey: a delete asks first, then says so (${viewport.width} px)`);
    } finally {
      await context.close();
    }
  }
}
