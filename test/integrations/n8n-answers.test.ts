import assert from 'node:assert/strict';
import { answerOf } from '../../src/integrations/n8n/client';

/** The response shapes of n8n's Webhook and Respond to Webhook nodes (docs.n8n.io). */
describe('n8n synchronous answers', () => {
    const answer = { response_text: 'Olá!', should_handoff: true };
    const expected = { responseText: 'Olá!', shouldHandoff: true };

    it('reads every shape the Webhook and Respond to Webhook nodes produce', () => {
        assert.deepEqual(answerOf(answer), expected, 'First Entry JSON / JSON / First Incoming Item');
        assert.deepEqual(answerOf([answer, { response_text: 'second' }]), expected, 'All Entries / All Incoming Items');
        assert.deepEqual(answerOf([{ json: answer }]), expected, 'items as {json}');
        assert.deepEqual(answerOf(JSON.stringify(answer)), expected, 'JSON sent as text');
        assert.deepEqual(answerOf('Olá, tudo bem?'), { responseText: 'Olá, tudo bem?', shouldHandoff: false }, 'the Text option');
        assert.deepEqual(answerOf({ data: answer }, 'data'), expected, 'Put Response in Field');
        assert.deepEqual(answerOf({ data: [answer] }, 'data'), expected, 'Put Response in Field with all entries');
    });

    it('takes "Immediately", an empty body or no answer text as "the answer comes by callback"', () => {
        assert.equal(answerOf({ message: 'Workflow was started' }), undefined);
        assert.equal(answerOf(''), undefined);
        assert.equal(answerOf(undefined), undefined);
        assert.equal(answerOf({ response_text: '   ' }), undefined);
        assert.equal(answerOf({ data: answer }), undefined, 'a nested answer needs N8N_RESPONSE_FIELD');
    });
});
