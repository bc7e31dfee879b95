/**
 * A phone number in E.164, with Brazilian defaults: `11999999999` and `(11) 99999-9999` are São
 * Paulo numbers (+55), a leading trunk `0` is dropped, numbers with `+` or country code 55 are
 * kept. Returns null when it cannot be a valid number (Brazilian: 2-digit area code, then 8 digits,
 * or 9 digits starting with 9 for mobiles).
 */
export function toE164(raw: string | number | null | undefined): string | null {
    if (raw === null || raw === undefined) return null;
    const text = String(raw).trim();
    if (!text) return null;
    const international = text.startsWith('+') || text.startsWith('00');
    let digits = text.replace(/\D/g, '');
    if (text.startsWith('00')) digits = digits.slice(2);
    if (international && !digits.startsWith('55')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
    if (!international && digits.startsWith('0')) digits = digits.replace(/^0+/, '');
    if (digits.startsWith('55') && (digits.length === 12 || digits.length === 13)) digits = digits.slice(2);
    if (digits.length !== 10 && digits.length !== 11) return null;
    const area = digits.slice(0, 2);
    const subscriber = digits.slice(2);
    if (!/^[1-9][1-9]$/.test(area)) return null;
    if (subscriber.length === 9 && !subscriber.startsWith('9')) return null;
    if (subscriber.length === 8 && !/^[2-5]/.test(subscriber)) return null;
    return `+55${area}${subscriber}`;
}
