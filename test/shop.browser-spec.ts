import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

/**
 * The walk-through of docs/shop-walkthrough.md in a real browser: Debian's chromium driven by
 * playwright-core (`npx playwright install` cannot download browsers here).
 *
 * Screenshots go to a folder under the OS temp directory, so a run leaves the work tree clean.
 * `TWPAY_UPDATE_SCREENSHOTS=1 npm run test:browser` writes them to docs/screenshots instead, the
 * pictures the walk-through shows: do that when a page's look changes, and commit the result.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS =
  process.env.TWPAY_UPDATE_SCREENSHOTS === '1'
    ? join(import.meta.dirname, '..', 'docs', 'screenshots')
    : join(tmpdir(), 'twpay-shop-screenshots');
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

  /** The trimmed text of each cell, for every row the selector matches. */
  const rowsOf = async (selector: string) =>
    Promise.all(
      (await page.locator(selector).all()).map(async (row) =>
        (await row.locator('td').allTextContents()).map((text) => text.trim()),
      ),
    );

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
    const merchantTradeNo = (
      await page
        .locator('table.summary tr:has(th:text-is("MerchantTradeNo")) code')
        .textContent()
    )?.trim();
    expect(merchantTradeNo).toMatch(/^\w{4,20}$/);
    await Promise.all([
      page.waitForURL(subscriptionUrl),
      page.click('#advance-month'),
    ]);
    await page.locator('#timeline li[data-sequence="2"].ok').waitFor();
    expect(await page.locator('#timeline li[data-sequence]').count()).toBe(2);
    expect(await page.locator('#paid-count').textContent()).toBe('2 of 12');
    await screenshot('04-second-period.png');

    // 5. The simulator's dashboard shows the agreement, its two authorizations, and the two
    //    notifications it sent (ReturnURL, then PeriodReturnURL), each answered 1|OK by the shop.
    await Promise.all([
      page.waitForURL(`${url}/simulator`),
      page.click('#simulator-dashboard'),
    ]);
    const orderHeading = `#orders h3[id="order-${merchantTradeNo}"]`;
    await page.locator(orderHeading).waitFor();
    const [agreement] = await rowsOf(
      `${orderHeading} + table.order tr:has(td)`,
    );
    const [, , status, amount, terms, execStatus, successes] = agreement;
    expect({ status, amount, terms, execStatus, successes }).toEqual({
      status: 'paid',
      amount: 'NT$299',
      terms: 'every 1M x 12',
      execStatus: '1',
      successes: '2 / NT$598',
    });
    const authorizations = await rowsOf(
      `${orderHeading} + table.order + table.authorizations tr:has(td)`,
    );
    expect(
      authorizations.map(([sequence, kind, , , rtnCode]) => [
        sequence,
        kind,
        rtnCode,
      ]),
    ).toEqual([
      ['1', 'first', '1'],
      ['2', 'period', '1'],
    ]);
    const deliveries = await rowsOf('#deliveries tr.delivery');
    expect(
      deliveries
        .filter((cells) => cells[2] === merchantTradeNo)
        .map(([, channel, , , status, attempts]) => ({
          channel,
          status,
          answeredOk: attempts.includes('HTTP 200 1|OK'),
        })),
    ).toEqual([
      { channel: 'ReturnURL', status: 'acknowledged', answeredOk: true },
      { channel: 'PeriodReturnURL', status: 'acknowledged', answeredOk: true },
    ]);
    await screenshot('05-simulator-dashboard.png');
  }, 300_000);
});
