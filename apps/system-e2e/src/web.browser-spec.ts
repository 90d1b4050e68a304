import { repoRoot } from '@pathwise/platform/testing';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, seriousViolations } from './browser';
import { startPlatform, type RunningPlatform } from './testing';

const WEB_ROOT = path.join(repoRoot, 'dist/web');
/** The graph of the 32-skill Backend Engineer roadmap must render within this (docs/benchmarks.md). */
const GRAPH_RENDER_BUDGET_MS = 100;
const PASSWORD = 'correct horse battery staple';
const RESUME = `SKILLS
PostgreSQL, Git, Docker

EXPERIENCE
Backend Engineer, Example GmbH, Mar 2020 - Present
Built REST APIs on PostgreSQL; shipped them in Docker.
`;

/**
 * The learner web app in a real browser (Debian's Chromium through playwright-core) against the
 * platform as separate processes, the gateway serving the built app (ADR 0080): sign up, enroll,
 * the roadmap as a graph, a skill marked done changes its node and the counts, the dashboard, a
 * reload keeps the session, onboarding with a resume, errors are readable, and every screen passes
 * axe without serious violations. The tests write docs/screenshots/*.png.
 */
describe('learner web app in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('dist/web is missing: run tools/web/browser-test.sh (it builds the app)');
    platform = await startPlatform({ principalPerMinute: 1000, webRoot: WEB_ROOT, sagaWorker: true });
    base = platform.gateways[0];
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, timezoneId: 'Europe/Paris', locale: 'en-GB' });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function expectAccessibleOn(on: Page, screen: string): Promise<void> {
    expect({ screen, violations: await seriousViolations(on) }).toEqual({ screen, violations: [] });
  }
  const expectAccessible = (screen: string) => expectAccessibleOn(page, screen);

  it('serves the app with a Content-Security-Policy that allows no inline script', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toBe("'self'");
    // An unknown path is still the API's problem+json 404, not the app.
    const unknown = await fetch(`${base}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('shows a field error next to the field when sign-up is refused', async () => {
    await page.goto(`${base}/#/signup`);
    await page.getByLabel('Email').fill(`short-${Date.now()}@example.test`);
    await page.getByLabel('Password').fill('too short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const error = page.locator('#password-error');
    await error.waitFor();
    expect(await page.getByLabel('Password').getAttribute('aria-describedby')).toBe('password-error');
    expect(await error.textContent()).toMatch(/12/);
  });

  it('signs up, enrolls, shows Backend Engineer as a graph, and a skill marked done changes its node, the counts and what next', async () => {
    await page.goto(`${base}/#/signup`);
    await expectAccessible('sign-up');
    await screenshot(page, 'sign-up');
    await page.getByLabel('Email').fill(`web-${Date.now()}@example.test`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Get started' }).waitFor();

    await page.getByRole('link', { name: 'Roadmaps' }).click();
    await page.getByRole('link', { name: 'Backend Engineer' }).first().waitFor();
    await expectAccessible('roadmaps');
    await screenshot(page, 'roadmaps');

    await page.getByRole('link', { name: 'Backend Engineer' }).first().click();
    const graph = page.getByTestId('roadmap-graph');
    await graph.waitFor();
    const nodes = graph.locator('g.node');
    expect(await nodes.count()).toBe(32);
    // Every drawn edge is a catalog prerequisite between two drawn skills.
    expect(await graph.locator('path.edge').count()).toBeGreaterThan(0);
    // The graph is rendered five times (the screen left and opened again); the median is held to the
    // budget, so one render slowed by another process on this shared machine does not decide it.
    for (let again = 1; again < 5; again += 1) {
      await page.goto(`${base}/#/roadmaps`);
      await page.goto(`${base}/#/roadmaps/backend`);
      await graph.waitFor();
      // A function, not a string: the page's CSP forbids eval, which a string predicate needs.
      await page.waitForFunction((count) => performance.getEntriesByName('roadmap-graph-render').length >= count, again + 1);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const [renders, layouts] = await page.evaluate(() => ['roadmap-graph-render', 'roadmap-graph-layout'].map((name) => performance.getEntriesByName(name).map((entry) => entry.duration)));
    const firstRender = median(renders as number[]);
    const layout = median(layouts as number[]);
    expect(firstRender).toBeLessThanOrEqual(GRAPH_RENDER_BUDGET_MS);

    // Enroll: a double click sends one enrollment.
    const enroll = page.getByRole('button', { name: 'Enroll in this roadmap' });
    const enrollments: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/enrollments')) enrollments.push(request.headers()['idempotency-key'] ?? 'none');
    });
    await enroll.dblclick();
    const counts = page.getByTestId('roadmap-counts');
    await counts.waitFor();
    expect(enrollments).toHaveLength(1);
    expect(enrollments[0]).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(await counts.textContent()).toContain('0 of 32 done');

    // What next offers a ready skill; open it from the list and mark it done.
    const next = page.getByTestId('what-next');
    await next.waitFor();
    const first = next.locator('li button').first();
    const skillName = (await first.textContent()) as string;
    await first.click();
    await page.getByRole('heading', { name: skillName, level: 2 }).waitFor();
    const node = graph.locator('g.node[aria-pressed="true"]');
    const skillId = (await node.getAttribute('data-skill-id')) as string;
    const fill = (rect: unknown) => (globalThis as unknown as { getComputedStyle(element: unknown): { fill: string } }).getComputedStyle(rect).fill;
    const fillBefore = await node.locator('rect').evaluate(fill);
    await expectAccessible('roadmap graph');
    await screenshot(page, 'roadmap-graph');

    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.locator(`g.node[data-skill-id="${skillId}"][data-status="completed"]`).waitFor();
    const fillAfter = await node.locator('rect').evaluate(fill);
    expect(fillAfter).not.toBe(fillBefore);
    expect(await counts.textContent()).toContain('1 of 32 done');
    // Recommendations follow the progress event: the done skill leaves the list.
    await next.getByRole('button', { name: skillName, exact: true }).waitFor({ state: 'detached', timeout: 15_000 });
    await expectAccessible('roadmap with a skill done');
    await screenshot(page, 'roadmap-skill-done');

    await page.getByRole('link', { name: 'Dashboard' }).click();
    const done = page.getByTestId('skills-done');
    await done.waitFor();
    expect(await done.locator('.tile-value').textContent()).toBe('1');
    await page.getByRole('rowheader').first().waitFor();
    await page.getByText('Completed').first().waitFor();
    await expectAccessible('dashboard');
    await screenshot(page, 'dashboard');

    // A reload keeps the session (refresh token in sessionStorage, access token in memory only).
    await page.reload();
    await done.waitFor();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe('{}');

    const results = { graphRenderMedianMs: Math.round(firstRender * 10) / 10, graphLayoutMedianMs: Math.round(layout * 10) / 10, rendersMs: (renders as number[]).map((value) => Math.round(value * 10) / 10), skills: 32, budgetMs: GRAPH_RENDER_BUDGET_MS };
    mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
    writeFileSync(path.join(repoRoot, 'bench/results/web-graph-render.json'), `${JSON.stringify(results, null, 2)}\n`);
  });

  it('onboards with a resume: the analysis, each detected skill confirmed or rejected with its evidence marked, the result on the graph', async () => {
    const learner = await browser.newContext({ viewport: { width: 1280, height: 860 }, timezoneId: 'Europe/Paris' });
    try {
      const tab = await learner.newPage();
      await tab.goto(`${base}/#/signup`);
      await tab.getByLabel('Email').fill(`onboarding-${Date.now()}@example.test`);
      await tab.getByLabel('Password').fill(PASSWORD);
      await tab.getByRole('button', { name: 'Sign up' }).click();
      await tab.getByRole('heading', { name: 'Get started' }).waitFor();
      await tab.getByLabel('Roadmap').selectOption({ label: 'Backend Engineer' });
      await tab.getByLabel(/^Resume/).setInputFiles({ name: 'resume.txt', mimeType: 'text/plain', buffer: Buffer.from(RESUME) });
      await expectAccessibleOn(tab, 'onboarding start');
      await tab.getByRole('button', { name: 'Start' }).click();

      await tab.getByRole('heading', { name: 'Confirm the skills we found' }).waitFor({ timeout: 90_000 });
      const skills = tab.getByRole('group', { name: 'Skills found in your resume' }).getByRole('checkbox');
      expect(await skills.count()).toBeGreaterThanOrEqual(2);
      // The evidence is marked where it stands in the resume's text.
      const marks = await tab.locator('.evidence mark').allTextContents();
      expect(marks).toEqual(expect.arrayContaining(['PostgreSQL']));
      await expectAccessibleOn(tab, 'onboarding confirmation');
      await screenshot(tab, 'onboarding-confirm');

      const detected = await tab.locator('.detected li').evaluateAll((items) => items.map((item) => item.getAttribute('data-skill-id') as string));
      const [rejected, ...confirmed] = detected as [string, ...string[]];
      await skills.first().uncheck();
      await tab.getByRole('button', { name: 'Confirm' }).click();
      await tab.getByRole('heading', { name: 'You are set up' }).waitFor({ timeout: 90_000 });
      await expectAccessibleOn(tab, 'onboarding result');
      await screenshot(tab, 'onboarding-done');

      // The confirmed skills are known on the roadmap; the rejected one is not.
      await tab.goto(`${base}/#/roadmaps/backend`);
      await tab.getByTestId('roadmap-counts').waitFor();
      const known = tab.locator('g.node[data-status="known"]');
      await known.first().waitFor();
      const knownIds = await known.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-skill-id') as string));
      const onRoadmap = await tab.locator('g.node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-skill-id') as string));
      expect(knownIds.sort()).toEqual(confirmed.filter((id) => onRoadmap.includes(id)).sort());
      expect(knownIds).not.toContain(rejected);
      await screenshot(tab, 'onboarding-roadmap-known');
    } finally {
      await learner.close();
    }
  });

  it('is usable on a phone: the graph fits the width and zooms', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      const mobile = await phone.newPage();
      await mobile.goto(`${base}/#/roadmaps/backend`);
      const graph = mobile.getByTestId('roadmap-graph');
      await graph.waitFor();
      const fitted = Number(await graph.getAttribute('width'));
      expect(fitted).toBeLessThanOrEqual(390);
      await mobile.getByRole('button', { name: 'Zoom in' }).click();
      expect(Number(await graph.getAttribute('width'))).toBeGreaterThan(fitted);
      await screenshot(mobile, 'roadmap-phone');
    } finally {
      await phone.close();
    }
  });

  it('works from the keyboard: a graph node is a button that Enter opens, and zoom has labelled controls', async () => {
    await page.goto(`${base}/#/roadmaps/backend`);
    const node = page.getByTestId('roadmap-graph').locator('g.node').first();
    await node.waitFor();
    const name = (await node.locator('.node-name').textContent()) as string;
    await node.focus();
    await page.keyboard.press('Enter');
    const heading = page.locator('#skill-title');
    await heading.waitFor();
    expect((await heading.textContent())?.replace(/\s+/g, ' ')).toBe(name.replace(/\s+/g, ' ').trim());
    expect(await node.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Zoom in' }).count()).toBe(1);
  });

  it('when the gateway answers 429, shows its problem and counts down its Retry-After', async () => {
    // The gateway's over-quota answer, as its document describes it (a real quota shared by this
    // suite's clients would throttle the other tests).
    await page.route('**/v1/roadmaps?**', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '7' },
        body: JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Over 600 requests per minute for this account.' }),
      }),
    );
    try {
      await page.goto(`${base}/#/login`);
      await page.goto(`${base}/#/roadmaps`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = (await alert.textContent()) as string;
      expect(text).toContain('Too Many Requests');
      expect(text).toMatch(/You can try again in [67] s\./);
      await screenshot(page, 'error-rate-limited');
    } finally {
      await page.unroute('**/v1/roadmaps?**');
    }
  });

  it('when the server is down, says so readably instead of failing silently', async () => {
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    try {
      await page.goto(`${base}/#/login`);
      await page.goto(`${base}/#/roadmaps`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Cannot reach Pathwise');
      await expectAccessible('error');
      await screenshot(page, 'error-server-down');
    } finally {
      await page.unroute('**/v1/**');
    }
  });

  it('raised no Content-Security-Policy violation on any screen', () => {
    expect(cspViolations).toEqual([]);
  });
});
