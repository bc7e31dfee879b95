import { TEMPERATURES, type LeadInput, type Temperature } from './lead';
import { toE164 } from './phone';
import { isExternalId } from '../lib/ids';

/** A field that failed validation, named as the sender named it. */
export interface FieldIssue {
    field: string;
    message: string;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A plausible email address (one @, a dotted domain, no spaces). */
export const isEmail = (value: string): boolean => EMAIL.test(value);
const TEMPERATURE_ALIASES: Record<string, Temperature> = { quente: 'QUENTE', hot: 'QUENTE', morno: 'MORNO', warm: 'MORNO', frio: 'FRIO', cold: 'FRIO' };

/** The longest text a lead field may carry (interest/message is the long one). */
const MAX_FIELD_CHARS = 2000;

/**
 * The first present key among Portuguese and English names. Only text and numbers are values:
 * an object or array (`{"telefone":{"toString":1}}`) is reported as an issue, never stringified.
 */
function pick(body: Record<string, unknown>, ...keys: string[]): { key: string; value: string | number } | undefined {
    for (const key of keys) {
        const value = body[key];
        if (value === undefined || value === null || value === '') continue;
        if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return { key, value: typeof value === 'boolean' ? String(value) : value };
        throw new FieldTypeError(key);
    }
    return undefined;
}

class FieldTypeError extends Error {
    constructor(readonly field: string) {
        super(`${field} must be text or a number`);
    }
}

/** "R$ 15.000,50", "15000", 15000 → 15000.5. */
export function parseMoney(value: unknown): number | null {
    if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
    if (typeof value !== 'string') return null;
    let s = value.replace(/[^\d.,]/g, '');
    if (/,\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
    else s = s.replace(/[.,](?=\d{3}(\D|$))/g, '');
    const n = Number(s);
    return s && Number.isFinite(n) ? n : null;
}

/** A valid email, lower-cased; null when absent; an issue when malformed. */
export function checkEmail(value: unknown, field: string, issues: FieldIssue[]): string | null {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') {
        issues.push({ field, message: 'must be text' });
        return null;
    }
    const email = value.trim().toLowerCase();
    if (!EMAIL.test(email)) {
        issues.push({ field, message: 'is not a valid email address' });
        return null;
    }
    return email;
}

/** A phone in E.164; null when absent; an issue when it cannot be a phone number. */
export function checkPhone(value: unknown, field: string, issues: FieldIssue[]): string | null {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' && typeof value !== 'number') {
        issues.push({ field, message: 'must be text or a number' });
        return null;
    }
    const phone = toE164(String(value));
    if (!phone) issues.push({ field, message: 'is not a valid phone number (Brazilian numbers need the area code, e.g. 11999999999)' });
    return phone;
}

/**
 * A JSON lead with Portuguese or English field names (`nome`/`name`, `email`,
 * `telefone`/`phone`, `interesse`/`interest`, `renda_aproximada`/`income`, `cidade`/`city`,
 * `origem`/`source`, `score`, `status`, `created_at`, `lead_id`) as a {@link LeadInput}, or the
 * list of fields that are wrong.
 */
export function normalizeJsonLead(input: unknown, defaultSource = 'API'): { lead?: LeadInput; issues: FieldIssue[] } {
    if (!input || typeof input !== 'object' || Array.isArray(input)) return { issues: [{ field: '(body)', message: 'must be a JSON object' }] };
    const body = input as Record<string, unknown>;
    const typeIssues = Object.entries(body).flatMap(([key, value]) =>
        value !== null && typeof value === 'object' ? [{ field: key, message: 'must be text or a number, not an object or a list' }] : typeof value === 'string' && value.length > MAX_FIELD_CHARS ? [{ field: key, message: `must be at most ${MAX_FIELD_CHARS} characters` }] : []
    );
    if (typeIssues.length > 0) return { issues: typeIssues };
    try {
        return normalizeFields(body, defaultSource);
    } catch (err) {
        if (err instanceof FieldTypeError) return { issues: [{ field: err.field, message: 'must be text or a number' }] };
        throw err;
    }
}

function normalizeFields(body: Record<string, unknown>, defaultSource: string): { lead?: LeadInput; issues: FieldIssue[] } {
    const issues: FieldIssue[] = [];
    const name = pick(body, 'nome', 'name', 'full_name');
    if (!name || typeof name.value !== 'string' || !name.value.trim()) issues.push({ field: 'nome', message: 'is required (nome or name)' });
    const emailField = pick(body, 'email', 'e-mail');
    const email = checkEmail(emailField?.value, emailField?.key ?? 'email', issues);
    const phoneField = pick(body, 'telefone', 'phone', 'celular', 'whatsapp');
    const phone = checkPhone(phoneField?.value, phoneField?.key ?? 'telefone', issues);
    if (!emailField && !phoneField) issues.push({ field: 'telefone', message: 'a phone (telefone/phone) or an email is required' });
    const incomeField = pick(body, 'renda_aproximada', 'renda', 'income');
    const income = incomeField ? parseMoney(incomeField.value) : null;
    if (incomeField && income === null) issues.push({ field: incomeField.key, message: 'must be an amount, e.g. 15000' });
    const scoreField = pick(body, 'score');
    const score = scoreField ? Number(scoreField.value) : null;
    if (scoreField && (!Number.isFinite(score) || score! < 0 || score! > 40)) issues.push({ field: 'score', message: 'must be a number from 0 to 40' });
    const statusField = pick(body, 'status', 'temperatura', 'temperature');
    const statusText = statusField ? String(statusField.value).trim() : null;
    const status = statusText ? ((TEMPERATURES as readonly string[]).includes(statusText.toUpperCase()) ? (statusText.toUpperCase() as Temperature) : TEMPERATURE_ALIASES[statusText.toLowerCase()]) : null;
    if (statusField && !status) issues.push({ field: statusField.key, message: 'must be QUENTE, MORNO or FRIO (or hot, warm, cold)' });
    const createdField = pick(body, 'created_at', 'data', 'date');
    const createdAt = createdField ? Date.parse(String(createdField.value)) : null;
    if (createdField && Number.isNaN(createdAt)) issues.push({ field: createdField.key, message: 'must be a date, e.g. 2024-01-15T10:30:00Z' });
    const idField = pick(body, 'lead_id', 'id', 'external_id');
    if (idField && !isExternalId(String(idField.value))) issues.push({ field: idField.key, message: 'must be an id of at most 128 letters, digits or _ . : @ -' });
    if (issues.length > 0) return { issues };
    const text = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v).trim());
    return {
        issues,
        lead: {
            externalId: idField ? String(idField.value) : null,
            name: String(name!.value).trim(),
            email,
            phone,
            interest: text(pick(body, 'interesse', 'interest', 'mensagem', 'message')?.value),
            income,
            city: text(pick(body, 'cidade', 'city')?.value),
            source: (text(pick(body, 'origem', 'source', 'utm_source')?.value) ?? defaultSource).toUpperCase().replace(/[\s-]+/g, '_'),
            score: scoreField ? Math.round(score!) : null,
            status: status ?? null,
            createdAt: createdAt ?? null,
            kommoLeadId: null
        }
    };
}
