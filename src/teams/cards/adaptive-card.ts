/** The subset of the Adaptive Card 1.5 schema Deskbridge builds; cards are plain JSON. */
export interface AdaptiveCard {
    type: 'AdaptiveCard';
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
    version: '1.5';
    body: CardElement[];
    actions?: CardAction[];
    msteams?: { width?: 'Full' };
}

export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: string; title: string };

/** Wraps body elements and actions into a 1.5 card. */
export function adaptiveCard(body: CardElement[], actions?: CardAction[]): AdaptiveCard {
    return {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body,
        ...(actions && actions.length > 0 ? { actions } : {})
    };
}

/** The Bot Framework attachment that carries a card. */
export function cardAttachment(card: AdaptiveCard): { contentType: 'application/vnd.microsoft.card.adaptive'; content: AdaptiveCard } {
    return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

export const heading = (text: string): CardElement => ({ type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true });
export const paragraph = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...extra });
export const subheading = (text: string): CardElement => ({ type: 'TextBlock', text, weight: 'Bolder', spacing: 'Medium', wrap: true });
export const facts = (pairs: Array<[string, string]>): CardElement => ({ type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) });
