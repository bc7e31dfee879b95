/**
 * Draws the two app icons Teams requires: a 192×192 full-colour icon and a 32×32 white outline
 * on a transparent background. Run once (`npx tsx scripts/make-icons.ts`); the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Rgba = [number, number, number, number];

function draw(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
    const png = new PNG({ width: size, height: size });
    for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
            const [r, g, b, a] = pixel(x / size, y / size);
            const i = (y * size + x) * 4;
            png.data[i] = r;
            png.data[i + 1] = g;
            png.data[i + 2] = b;
            png.data[i + 3] = a;
        }
    }
    return PNG.sync.write(png);
}

/** A bridge: an arch over a deck with two pillars, in unit coordinates. */
function onBridge(x: number, y: number, stroke: number): boolean {
    const deck = y > 0.62 && y < 0.62 + stroke && x > 0.12 && x < 0.88;
    const pillar = (x > 0.24 && x < 0.24 + stroke) || (x > 0.76 - stroke && x < 0.76);
    const pillars = pillar && y > 0.3 && y < 0.85;
    const dx = (x - 0.5) / 0.34;
    const archY = 0.62 - 0.3 * Math.sqrt(Math.max(0, 1 - dx * dx));
    const arch = Math.abs(dx) <= 1 && Math.abs(y - archY) < stroke / 1.5;
    return deck || pillars || arch;
}

const dir = join(__dirname, '..', 'appPackage');
const blue: Rgba = [31, 111, 235, 255];
const white: Rgba = [255, 255, 255, 255];
writeFileSync(join(dir, 'color.png'), draw(192, (x, y) => (onBridge(x, y, 0.07) ? white : blue)));
writeFileSync(join(dir, 'outline.png'), draw(32, (x, y) => (onBridge(x, y, 0.1) ? white : [0, 0, 0, 0])));
