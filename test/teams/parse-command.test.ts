import assert from 'node:assert/strict';
import { cleanTeamsText, parseCommand } from '../../src/teams/commands/parse-command';
import { resolveLocale } from '../../src/texts/i18n';

describe('command parsing', () => {
    it('matches the whole first word, case-insensitively, with # commands marked', () => {
        assert.deepEqual(parseCommand('#Pausar agora'), { command: 'pausar', hashed: true, args: ['agora'], rest: 'agora', text: '#Pausar agora' });
        assert.equal(parseCommand('#pausarx').command, 'pausarx');
        assert.equal(parseCommand('help me').command, 'help');
        assert.equal(parseCommand('').command, '');
    });

    it('strips residual Teams markup before parsing', () => {
        assert.equal(cleanTeamsText('<p><at>Deskbridge</at>&nbsp;setup&nbsp;intercom</p>'), 'setup intercom');
        assert.deepEqual(parseCommand('<at>Deskbridge</at> setup   leads').args, ['leads']);
        assert.equal(cleanTeamsText('a &amp; b<br>c'), 'a & b\nc');
    });

    it('resolves Teams locales to the supported ones, falling back to the default', () => {
        assert.equal(resolveLocale('pt-PT', 'en'), 'pt-BR');
        assert.equal(resolveLocale('de-AT', 'en'), 'de');
        assert.equal(resolveLocale('en-GB', 'de'), 'en');
        assert.equal(resolveLocale('fr-FR', 'pt-BR'), 'pt-BR');
        assert.equal(resolveLocale(undefined, 'de'), 'de');
    });
});
