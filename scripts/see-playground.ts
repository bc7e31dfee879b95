/**
 * `npm run playground:see`: what an agent sees in the Microsoft 365 Agents Playground, in headless
 * Chromium (Debian's package, as `npm run cards` uses). Starts Deskbridge on a temporary SQLite
 * file, the Playground (headless), and a fake Intercom; installs the app in the Playground's team,
 * binds **Support Queue** with `@Deskbridge setup intercom`, then delivers a signed Intercom
 * `conversation.user.created` webhook. Opens the Playground's page on the channel and writes
 * `cards-preview/playground.png`. Exits 1 unless the page shows the conversation's card — its
 * title, the customer and its buttons — drawn by the Playground's own renderer.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { FakeIntercom } from '../test/helpers/fake-intercom';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../test/helpers/intercom';
import { PLAYGROUND_CHANNEL_ID, PLAYGROUND_TEAM_ID, Playground } from '../test/helpers/playground';
import { startTestApp } from '../test/helpers/start-app';
import { chromiumPath } from './chromium';

const OUT = join(__dirname, '..', 'cards-preview');

async function main(): Promise<void> {
    const intercom = await new FakeIntercom().start();
    const app = await startTestApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url, LOG_LEVEL: 'warn' });
    const playground = await Playground.start(`${app.url}/api/messages`);
    const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
        // The page shows what arrives while it is open: open it first, on the channel.
        const page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(playground.url, { waitUntil: 'networkidle0' });
        mkdirSync(OUT, { recursive: true });
        // Opening the page installs the app in the team, as adding it does; Deskbridge then reads
        // the team's channels (so that setup can name them).
        await playground.installInTeam();
        await until(async () => (await app.repos.teams.listChannels(PLAYGROUND_TEAM_ID)).some((c) => c.channelId === PLAYGROUND_CHANNEL_ID), 'Deskbridge did not learn the team\'s channels');
        await openChannel(page, 'Support Queue');
        process.stdout.write('· the channel is open; @Deskbridge setup intercom\n');
        // With a page open the Playground hands messages to the page, not to its log: what
        // Deskbridge did is read from Deskbridge, what it posted from the page.
        await playground.mentionInChannel('setup intercom');
        await until(async () => (await app.repos.bindings.get('intercom'))?.channelId === PLAYGROUND_CHANNEL_ID, 'setup did not bind Support Queue');
        process.stdout.write('· bound; an Intercom conversation arrives\n');
        const res = await postIntercom(app.url, intercomFixture('conversation.user.created'));
        if (res.status !== 200) throw new Error(`the Intercom webhook answered ${res.status}`);
        try {
            await page.waitForSelector('.ac-adaptiveCard', { timeout: 20_000 });
        } catch (err) {
            // What the page showed instead, for whoever reads the failure.
            await page.screenshot({ path: join(OUT, 'playground-failed.png') });
            const text = (await page.evaluate('document.body.innerText')) as string;
            throw new Error(`${err instanceof Error ? err.message : String(err)}; the page showed (see cards-preview/playground-failed.png):\n${text.slice(0, 1500)}`, { cause: err });
        }
        // The card as the Playground draws it: an Adaptive Card root with the conversation's buttons.
        // Browser-side code as text: this file is compiled for Node, without the DOM's types.
        await page.waitForFunction(`[...document.querySelectorAll('.ac-adaptiveCard button')].some((b) => /Take it|Send to customer/.test(b.textContent || ''))`, { timeout: 20_000 });
        // The card's title (the conversation's first line, as the fixture has no subject) and the customer.
        const card = (await page.evaluate(`document.querySelector('.ac-adaptiveCard').innerText`)) as string;
        for (const expected of ['Hi, my invoice for March is wrong.', 'Joe Bloggs']) {
            if (!card.includes(expected)) throw new Error(`the card on the page does not show "${expected}"; it shows:\n${card}`);
        }
        // The channel list and the channel, without the Playground's log panel.
        await page.screenshot({ path: join(OUT, 'playground.png'), clip: { x: 0, y: 0, width: 930, height: 800 } });
        const buttons = (await page.evaluate(`[...document.querySelectorAll('.ac-adaptiveCard button')].map((b) => (b.textContent || '').trim()).filter(Boolean)`)) as string[];
        process.stdout.write(`The Playground shows the conversation card with: ${buttons.join(' · ')}\nWrote cards-preview/playground.png\n`);
    } finally {
        await browser.close();
        await playground.stop();
        await app.stop();
        await intercom.stop();
    }
}

async function until(check: () => Promise<boolean>, failure: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline) throw new Error(failure);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** Clicks the channel in the Playground's team list (its page opens on the team's General). */
async function openChannel(page: import('puppeteer-core').Page, name: string): Promise<void> {
    // A real mouse click on the list entry (puppeteer's text selector), as a user would.
    await page.locator(`::-p-text(${name})`).setTimeout(20_000).click();
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        process.stderr.write(`playground:see failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    }
);
