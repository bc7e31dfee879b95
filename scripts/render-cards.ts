/**
 * `npm run cards`: renders every card factory with sample data (scripts/card-samples.ts) through
 * Microsoft's Adaptive Cards JavaScript renderer (`adaptivecards`) with Teams-like light and dark
 * host configs, in headless Chromium (Debian's package, driven with puppeteer-core: no browser is
 * downloaded), at Teams' 400 px channel width. Writes one PNG per card, theme and locale and an
 * index to `cards-preview/`, and reports what an agent would see go wrong: renderer warnings,
 * and every button whose label does not fit its box (measured in the page).
 *
 *   npm run cards                  render, report, exit 1 on a warning or a cut label
 *   npm run cards -- --report-only render and report, exit 0
 *   CHROMIUM=/path/to/chrome npm run cards
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { cardSamples } from './card-samples';
import { chromiumPath } from './chromium';
import { TEAMS_DARK, TEAMS_LIGHT } from './teams-host-config';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'cards-preview');
/** Teams renders a card in a channel at most this wide. */
const WIDTH = 400;


/** The page that renders cards: the renderer, a small Markdown subset like Teams', the host configs. */
function pageHtml(): string {
    const renderer = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
    const css = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
    return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; }
.frame { width: ${WIDTH}px; padding: 0; margin: 8px; display: inline-block; vertical-align: top; border-radius: 6px; overflow: hidden; }
.light { background: #ffffff; border: 1px solid #e0e0e0; } .dark { background: #292929; border: 1px solid #3d3d3d; }
</style><script>${renderer}</script></head><body><div id="root"></div><script>
window.hostConfigs = { light: ${JSON.stringify(TEAMS_LIGHT)}, dark: ${JSON.stringify(TEAMS_DARK)} };
// Teams renders a Markdown subset in TextBlocks and facts: bold, italics, links, lists, line breaks.
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    let html = escape(text)
        .replace(/\\\\([\\\\\`*_{}\\[\\]()#+\\-.!|>~])/g, (m, c) => '&#' + c.charCodeAt(0) + ';')
        .replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*])\\*([^*]+)\\*/g, '$1<em>$2</em>')
        .replace(/\\[([^\\]]+)\\]\\(([^)\\s]+)\\)/g, '<a href="$2">$1</a>')
        .replace(/\\n/g, '<br>');
    result.outputHtml = '<p>' + html + '</p>';
    result.didProcess = true;
};
window.renderCard = (json, theme, id) => {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(window.hostConfigs[theme]);
    const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
    card.parse(json, context);
    const warnings = [];
    for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
    for (const e of card.validateProperties().validationEvents) warnings.push(e.message);
    const frame = document.createElement('div');
    frame.className = 'frame ' + theme;
    frame.id = id;
    document.getElementById('root').appendChild(frame);
    const element = card.render();
    if (!element) warnings.push('the card did not render');
    else frame.appendChild(element);
    // A button's label is cut when its text needs more room than the button gives it.
    const cut = [];
    for (const button of frame.querySelectorAll('button')) {
        const label = button.querySelector('.ac-pushButton > div, div') || button;
        const text = (button.getAttribute('aria-label') || button.textContent || '').trim();
        if (label.scrollWidth > label.clientWidth + 1 || button.scrollWidth > button.clientWidth + 1) cut.push(text);
    }
    return { warnings, cut };
};
</script></body></html>`;
}

async function main(): Promise<void> {
    const reportOnly = process.argv.includes('--report-only');
    const samples = cardSamples();
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const pagePath = join(OUT, 'renderer.html');
    writeFileSync(pagePath, pageHtml());
    const browser = await puppeteer.launch({
        executablePath: chromiumPath(),
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--allow-file-access-from-files']
    });
    const problems: string[] = [];
    const rows: string[] = [];
    try {
        const page = await browser.newPage();
        await page.setViewport({ width: WIDTH + 40, height: 800, deviceScaleFactor: 1 });
        await page.goto(`file://${pagePath}`);
        for (const [i, sample] of samples.entries()) {
            for (const theme of ['light', 'dark'] as const) {
                const id = `card-${i}-${theme}`;
                const result = (await page.evaluate((json, th, elementId) => (globalThis as unknown as { renderCard(j: unknown, t: string, e: string): { warnings: string[]; cut: string[] } }).renderCard(json, th, elementId), sample.card as unknown as Record<string, unknown>, theme, id)) as { warnings: string[]; cut: string[] };
                const file = `${sample.name.replace(/\//g, '--')}.${sample.locale}.${theme}.png`;
                const handle = await page.$(`#${id}`);
                await handle!.screenshot({ path: join(OUT, file) });
                const label = `${sample.name} (${sample.locale}, ${theme})`;
                for (const w of result.warnings) problems.push(`${label}: renderer warning: ${w}`);
                for (const c of result.cut) problems.push(`${label}: button label cut off: "${c}"`);
                if (theme === 'light') rows.push(`<figure><img src="${file}" alt="${sample.name} ${sample.locale}"><img src="${file.replace('.light.', '.dark.')}" alt=""><figcaption>${sample.name} · ${sample.locale}${result.cut.length ? ` · ⚠️ cut: ${result.cut.join(', ')}` : ''}</figcaption></figure>`);
                await page.evaluate((elementId) => (globalThis as unknown as { document: { getElementById(i: string): { remove(): void } | null } }).document.getElementById(elementId)?.remove(), id);
            }
        }
    } finally {
        await browser.close();
    }
    writeFileSync(join(OUT, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Deskbridge cards</title><style>body{font-family:sans-serif}figure{display:inline-block;margin:8px;vertical-align:top}figcaption{font-size:12px}</style>${rows.join('\n')}`);
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`${samples.length * 2} cards rendered into ${OUT} (open index.html)`);
    for (const p of problems) say(`✗ ${p}`);
    if (problems.length === 0) say('✓ no renderer warning, every button label fits');
    else if (!reportOnly) process.exitCode = 1;
}

main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
});
