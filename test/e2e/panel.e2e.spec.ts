import { readFileSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import { randomFile, TEN_MB, upload } from '../support/attachments';
import {
  horizontalOverflow,
  inPage,
  launchChromium,
  PHONE,
  screenshotBothWidths,
  seriousAccessibilityViolations,
} from '../support/browser';
import type { Browser } from '../support/browser';
import { endpoints } from '../support/endpoints';
import { api } from '../support/http';

const LIVE_MS = 5_000;
const CLOSE_TEXT = "Close this ticket? You won't be able to add more messages after closing.";

const customerFile = { name: 'customer-log.txt', bytes: Buffer.from('GET /payments -> 500\n') };
const staffFile = { name: 'staff-report.bin', bytes: randomFile(300_000) };

/**
 * The seed's journey in the panel, in headless Chromium through the gateway on the real stack: sign in, open a
 * ticket with a file, reply, see the Support Team's reply live, reopen by replying to a Resolved ticket,
 * download the staff's file, be refused a file over 10 MB before upload, close after a confirmation.
 */
describe('the support panel, in a real browser', () => {
  jest.setTimeout(120_000);

  let browser: Browser;
  let customer: Page;
  let staff: Page;
  let accountId: string;
  let customerApiKey: string;
  let staffApiKey: string;
  let ticketId: number;
  const requests: Request[] = [];
  const pageErrors: string[] = [];
  const responses: { status: number; url: string }[] = [];

  beforeAll(async () => {
    accountId = newAccountId();
    customerApiKey = await customerKey(accountId);
    staffApiKey = await staffKey();
    browser = await launchChromium();
    customer = await browser.context.newPage();
    staff = await browser.context.newPage();
    for (const page of [customer, staff]) {
      page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
      page.on('pageerror', (e) => pageErrors.push(e.message));
    }
    customer.on('request', (r) => requests.push(r));
    for (const page of [customer, staff]) {
      page.on('response', (r) => responses.push({ status: r.status(), url: r.url() }));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await closeTestPool();
  });

  const statusBadge = (page: Page) => page.getByTestId('status-badge');
  const threadEntry = (page: Page, text: string) => page.locator('.thread li', { hasText: text });
  const uploadsSent = () =>
    requests.filter((r) => r.method() === 'POST' && /\/attachment(\?|$)/.test(r.url()));

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${endpoints().GATEWAY_URL}/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('serves the panel at / with a strict CSP, on the same origin as /api', async () => {
    const response = await customer.goto(`${endpoints().GATEWAY_URL}/`);

    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await customer.getByLabel('API key').waitFor();
  });

  it('a wrong key gets a clear message and stays signed out', async () => {
    await signIn(customer, 'pdm_wrong-key');

    await customer.getByText('This API key is not valid or was revoked.').waitFor();
    expect(await inPage(customer, 'sessionStorage.length')).toBe(0);
  });

  it('signs in with a pasted key, kept in sessionStorage only, and shows the Contact page', async () => {
    await signIn(customer, customerApiKey);

    await customer.getByRole('heading', { name: 'Contact' }).waitFor();
    expect(customer.url()).not.toContain(customerApiKey);
    expect(await inPage(customer, 'Object.values(sessionStorage)')).toEqual([customerApiKey]);
    expect(await inPage(customer, 'localStorage.length + document.cookie.length')).toBe(0);
    await customer.getByText('One file, at most 10 MB.').waitFor();
  });

  it('a malformed % in the URL hash opens the Contact page, on load and on a hash change, instead of a blank page', async () => {
    await customer.goto(`${endpoints().GATEWAY_URL}/#/accounts/%`);
    await customer.reload();
    await customer.getByRole('heading', { name: 'Contact' }).waitFor();
    await inPage(customer, "window.location.hash = '#/accounts/acct/tickets/%E0%A4%A'");
    await customer.getByRole('heading', { name: 'Contact' }).waitFor();

    expect(pageErrors.filter((e) => e.includes('URI'))).toEqual([]);
    await customer.goto(`${endpoints().GATEWAY_URL}/#/`);
    await customer.getByRole('heading', { name: 'Contact' }).waitFor();
  });

  it('"Open a ticket from the Contact page to see its detail view", with a file uploaded after the ticket', async () => {
    await customer.getByLabel('Subject').fill('Payments fail');
    await customer.getByLabel('Topic').fill('Billing');
    await customer.getByLabel('Property (optional)').fill('property-7');
    await customer.getByLabel('Description').fill('Since this morning the payments page fails.');
    await customer.getByLabel('Attach a file (optional)').setInputFiles({
      name: customerFile.name,
      mimeType: 'text/plain',
      buffer: customerFile.bytes,
    });
    await customer.getByRole('button', { name: 'Open ticket' }).click();

    await customer.getByRole('heading', { name: 'Payments fail' }).waitFor();
    ticketId = Number(/tickets\/(\d+)/.exec(customer.url())?.[1]);
    expect(ticketId).toBeGreaterThan(0);
    await customer.getByRole('button', { name: `Download ${customerFile.name}` }).waitFor();
    expect(await statusBadge(customer).textContent()).toBe('Open');
    expect(await customer.getByTestId('topic-badge').textContent()).toBe('Billing');
    await customer.getByText('property-7').waitFor();
    await customer.getByText('Since this morning the payments page fails.').waitFor();
    const posts = requests
      .filter((r) => r.method() === 'POST')
      .map((r) => new URL(r.url()).pathname);
    expect(posts.slice(-2)).toEqual(['/api/Ticket', `/api/Ticket/${ticketId}/attachment`]);
  });

  it('"Type into the Your Reply box and click Send": the message shows as You', async () => {
    await customer.getByLabel('Your Reply').fill('Still failing after 30 minutes.');
    await customer.getByRole('button', { name: 'Send' }).click();

    await threadEntry(customer, 'Still failing after 30 minutes.').getByText('You').waitFor();
  });

  it('a staff reply made through the API appears within 5 s without a reload, as Support Team', async () => {
    await inPage(customer, 'window.notReloaded = true');
    const reply = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key: staffApiKey,
      body: { message: 'We are looking into it; see the attached report.' },
    });
    const uploaded = await upload(staffApiKey, accountId, ticketId, staffFile.bytes, {
      fileName: staffFile.name,
      messageId: reply.body.id,
    });
    expect(uploaded.status).toBe(201);

    const entry = threadEntry(customer, 'We are looking into it');
    await entry.waitFor({ timeout: LIVE_MS });
    await entry.getByText('Support Team').waitFor();
    await customer
      .getByRole('button', { name: `Download ${staffFile.name}` })
      .waitFor({ timeout: LIVE_MS });
    expect(await inPage(customer, 'window.notReloaded')).toBe(true);
  });

  it('polls with If-None-Match and gets 304 while nothing changes', async () => {
    const polled = await customer.waitForResponse(
      (r) => r.url().includes(`/api/Ticket/${ticketId}?`) && r.status() === 304,
      { timeout: LIVE_MS },
    );

    expect(await polled.request().headerValue('if-none-match')).toMatch(/^"\d+"$/);
  });

  it("a staff key picks the account, sees the customer's messages as Customer, and resolves the ticket", async () => {
    await signIn(staff, staffApiKey);
    await staff.getByLabel('Account').fill(accountId);
    await staff.getByRole('button', { name: 'Switch' }).click();
    await staff.getByRole('link', { name: 'Payments fail' }).click();
    await threadEntry(staff, 'Still failing after 30 minutes.').getByText('Customer').waitFor();
    await staff.getByRole('button', { name: 'Resolve' }).click();

    await staff.getByTestId('status-badge').getByText('Resolved').waitFor();
    await statusBadge(customer).getByText('Resolved').waitFor({ timeout: LIVE_MS });
    await customer.getByText('Replying to a Resolved ticket reopens it').waitFor();
  });

  it("the customer's reply to a Resolved ticket reopens it: the badge reads Open", async () => {
    await customer.getByLabel('Your Reply').fill('Sorry, it fails again.');
    await customer.getByRole('button', { name: 'Send' }).click();

    await threadEntry(customer, 'Sorry, it fails again.').waitFor();
    await statusBadge(customer).getByText('Open').waitFor();
    expect(await customer.getByText('Replying to a Resolved ticket reopens it').count()).toBe(0);
  });

  it("downloads the Support Team's attachment with its name, byte for byte", async () => {
    const [download] = await Promise.all([
      customer.waitForEvent('download'),
      customer.getByRole('button', { name: `Download ${staffFile.name}` }).click(),
    ]);

    expect(download.suggestedFilename()).toBe(staffFile.name);
    expect(readFileSync(await download.path()).equals(staffFile.bytes)).toBe(true);
  });

  it('"File size exceeds 10 MB limit.": a 10 MB + 1 byte file is refused before any upload request', async () => {
    const before = uploadsSent().length;
    await customer.getByLabel('Your Reply').fill('Here is the full log.');
    await customer.getByLabel('Attach a file (optional)').setInputFiles({
      name: 'huge.log',
      mimeType: 'text/plain',
      buffer: Buffer.alloc(TEN_MB + 1, 0x61),
    });

    await customer.getByText('File size exceeds 10 MB limit.').waitFor();
    expect(await customer.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await inPage(customer, "document.querySelector('form.reply').requestSubmit()");
    expect(uploadsSent()).toHaveLength(before);
    expect(await threadEntry(customer, 'Here is the full log.').count()).toBe(0);
    await customer.getByLabel('Attach a file (optional)').setInputFiles([]);
    await customer.getByLabel('Your Reply').fill('');
  });

  it('a thread longer than a page shows its latest 100 messages; "Load older messages" fetches the rest', async () => {
    for (let i = 1; i <= 100; i++) {
      const sent = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
        key: staffApiKey,
        body: { message: `Update ${i} of 100` },
      });
      expect(sent.status).toBe(201);
    }
    await threadEntry(customer, 'Update 100 of 100').waitFor({ timeout: LIVE_MS });
    const loadOlder = customer.getByRole('button', { name: 'Load older messages' });
    await loadOlder.waitFor();
    expect(await threadEntry(customer, 'Still failing after 30 minutes.').count()).toBe(0);
    expect(await customer.locator('.thread li').count()).toBe(100);
    await customer.getByText('3 older messages').waitFor();
    await loadOlder.scrollIntoViewIfNeeded();
    await screenshotBothWidths(customer, 'thread-with-older-messages', { fullPage: false });

    await loadOlder.click();

    await threadEntry(customer, 'Still failing after 30 minutes.').waitFor();
    expect(await customer.locator('.thread li').count()).toBe(103);
    expect(await loadOlder.count()).toBe(0);
    const pages = requests.filter((r) => r.url().includes(`/api/Ticket/${ticketId}/messages?`));
    expect(pages.map((r) => new URL(r.url()).searchParams.get('before'))).toEqual([
      expect.stringMatching(/^m\d+$/),
    ]);
  });

  it('has no serious or critical accessibility violation and fits 375 px (contact page, detail view)', async () => {
    await screenshotBothWidths(customer, 'detail-view');
    expect(await seriousAccessibilityViolations(customer)).toEqual([]);
    await customer.setViewportSize(PHONE);
    expect(await horizontalOverflow(customer)).toBeLessThanOrEqual(0);

    await customer.getByRole('link', { name: 'All tickets' }).click();
    await customer.getByRole('link', { name: 'Payments fail' }).waitFor();
    expect(await horizontalOverflow(customer)).toBeLessThanOrEqual(0);
    await screenshotBothWidths(customer, 'contact-page');
    expect(await seriousAccessibilityViolations(customer)).toEqual([]);
    await customer.getByRole('link', { name: 'Payments fail' }).click();
    await customer.getByRole('heading', { name: 'Payments fail' }).waitFor();
  });

  it("Close Ticket asks the seed's question, keeps focus inside, and Cancel leaves the ticket open", async () => {
    const closeButton = customer.locator('.close-ticket > button');
    await closeButton.focus();
    await customer.keyboard.press('Enter');

    const dialog = customer.getByRole('dialog', { name: 'Close Ticket' });
    await dialog.getByText(CLOSE_TEXT).waitFor();
    expect(await inPage(customer, 'document.activeElement.textContent')).toBe('Cancel');
    await customer.keyboard.press('Tab');
    await customer.keyboard.press('Tab');
    expect(
      await inPage(
        customer,
        "document.querySelector('dialog[open]').contains(document.activeElement)",
      ),
    ).toBe(true);
    expect(await seriousAccessibilityViolations(customer)).toEqual([]);
    // the modal's backdrop covers the window, not the whole page
    await screenshotBothWidths(customer, 'close-dialog', { fullPage: false });

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await inPage(
        customer,
        "document.activeElement === document.querySelector('.close-ticket > button')",
      ),
    ).toBe(true);
    expect(await statusBadge(customer).textContent()).toBe('Open');
    const ticket = await api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}`, {
      key: customerApiKey,
    });
    expect(ticket.body.status).toBe('Open');
  });

  it('confirming closes it: "the reply box disappears", the close button too, and a new ticket is offered', async () => {
    await customer.locator('.close-ticket > button').click();
    await customer
      .getByRole('dialog', { name: 'Close Ticket' })
      .getByRole('button', { name: 'Close Ticket' })
      .click();

    await statusBadge(customer).getByText('Closed').waitFor();
    expect(await customer.getByLabel('Your Reply').count()).toBe(0);
    expect(await customer.getByRole('button', { name: 'Close Ticket' }).count()).toBe(0);
    await customer.getByRole('link', { name: 'Open a new ticket' }).waitFor();
    expect(await inPage(customer, 'document.activeElement.textContent')).toBe(
      'This ticket is closed',
    );
  });

  it('ran without a script error, a CSP violation or a server error', () => {
    // refused requests are logged by Chromium too; which ones the journey may meet is asserted below
    expect(
      pageErrors.filter((e) => !/^Failed to load resource: the server responded/.test(e)),
    ).toEqual([]);
    const refused = responses.filter((r) => r.status >= 400 && r.status < 500);
    expect(refused.filter((r) => ![401, 404].includes(r.status))).toEqual([]);
    // a 503 may only be a read-your-writes wait that outlasted its bound on a loaded machine
    const serverErrors = responses.filter((r) => r.status >= 500);
    expect(serverErrors.filter((r) => r.status !== 503 || !/[?&]minVersion=/.test(r.url))).toEqual(
      [],
    );
  });
});
