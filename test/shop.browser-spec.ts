import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

/**
 * The walk-through of docs/shop-walkthrough.md in a real browser: Debian's chromium driven by
 * playwright-core (`npx playwright install` cannot download browsers here). The screenshots it
 * saves are the ones the docs show, overwritten on every run.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');
const EXPIRY = `12/${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`;

describe('example shop in a real browser', () => {
  let shop: ExampleApp | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    shop = await startExampleApp({ databaseKind: 'sqlite' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: 120_000,
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    page.setDefaultTimeout(60_000);
    page.setDefaultNavigationTimeout(90_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  }, 60_000);

  const screenshot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

  it('subscribe -> checkout with the test card -> back to the shop -> advance one month', async () => {
    const url = shop!.url;

    // 1. The plans.
    await page.goto(url);
    await page.locator('#plan-monthly').waitFor();
    expect(await page.locator('section.plan').count()).toBe(3);
    await screenshot('01-plans.png');

    // 2. Subscribe: the shop's auto-submit form posts the signed order to the simulator's checkout.
    await Promise.all([
      page.waitForURL(`${url}/Cashier/AioCheckOut/V4`),
      page.click('#subscribe-monthly'),
    ]);
    await page.locator('#cardNumber').waitFor();
    expect(await page.locator('#amount').textContent()).toBe('NT$299');
    await page.fill('#cardNumber', '4311-9522-2222-2222');
    await page.fill('#expiry', EXPIRY);
    await page.fill('#cvv', '222');
    await screenshot('02-checkout.png');

    // 3. Pay: the gateway page posts the result to OrderResultURL, which sends the browser back to
    //    the shop's subscription page.
    await Promise.all([
      page.waitForURL(/\/subscriptions\/[0-9a-f-]{36}$/),
      page.click('#pay'),
    ]);
    await page.locator('#status[data-status="active"]').waitFor();
    await page.locator('#timeline li[data-sequence="1"].ok').waitFor();
    expect(await page.locator('#timeline li[data-sequence]').count()).toBe(1);
    expect(await page.locator('#paid-count').textContent()).toBe('1 of 12');
    await screenshot('03-subscribed.png');

    // 4. Advance the simulator's clock one month: the second charge shows in the timeline.
    const subscriptionUrl = page.url();
    await Promise.all([
      page.waitForURL(subscriptionUrl),
      page.click('#advance-month'),
    ]);
    await page.locator('#timeline li[data-sequence="2"].ok').waitFor();
    expect(await page.locator('#timeline li[data-sequence]').count()).toBe(2);
    expect(await page.locator('#paid-count').textContent()).toBe('2 of 12');
    await screenshot('04-second-period.png');

    // 5. The simulator's dashboard shows the agreement and the notifications it sent.
    await Promise.all([
      page.waitForURL(`${url}/simulator`),
      page.click('#simulator-dashboard'),
    ]);
    await page.waitForLoadState('load');
    await screenshot('05-simulator-dashboard.png');
  }, 300_000);
});
