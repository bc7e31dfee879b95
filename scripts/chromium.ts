import { existsSync } from 'node:fs';

/** Debian's Chromium (or CHROMIUM): the scripts that look at cards and the Playground drive it; nothing is downloaded. */
export function chromiumPath(): string {
    const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
    const found = candidates.find((p) => existsSync(p));
    if (!found) throw new Error('No Chromium found: install Debian\'s package (apt-get install -y chromium) or set CHROMIUM to a Chrome/Chromium binary');
    return found;
}
