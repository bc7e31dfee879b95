import assert from 'node:assert/strict';
import { escapeMarkdown, inlineText, linkifyPlainText, markdownLink, mentionMarkup, safeUrl } from '../../src/lib/markdown';

describe('escaping untrusted text for Teams', () => {
    it('shows a forged name literally: bold markers and brackets escaped, no link', () => {
        const shown = inlineText('**Admin** [Reset password](https://x.example)');
        assert.equal(shown, '\\*\\*Admin\\*\\* \\[Reset password\\](https://x.example)');
        assert.doesNotMatch(shown, /(^|[^\\])\[/, 'no unescaped bracket can open a link');
    });

    it('keeps mention markup and autolinks as text', () => {
        assert.equal(escapeMarkdown('<at>Ana</at> <https://x.example>'), '\\<at\\>Ana\\</at\\> \\<https://x.example\\>');
        assert.equal(escapeMarkdown('&lt;at&gt;'), '\\&lt;at\\&gt;');
        assert.equal(escapeMarkdown('Tom & Jerry'), 'Tom & Jerry', 'a plain ampersand stays readable');
    });

    it('collapses line breaks in single-line fields and drops bidi overrides', () => {
        assert.equal(inlineText('Ana\n\n# Deskbridge: your account is closed'), 'Ana # Deskbridge: your account is closed', 'mid-line, # is no heading');
        assert.equal(inlineText('Ana\u2028Bob\u202eevil'), 'Ana Bobevil');
    });

    it('escapes constructs that only count at the start of a line, and card template braces', () => {
        assert.equal(escapeMarkdown('# title\n> quote\n- item\n1. first'), '\\# title\n\\> quote\n\\- item\n\\1. first');
        assert.equal(escapeMarkdown('{{DATE(2020-01-01T00:00:00Z)}}'), '{\u200b{DATE(2020-01-01T00:00:00Z)}}');
    });
});

describe('links from untrusted text', () => {
    it('lets only http, https and mailto become links', () => {
        for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'vbscript:msgbox', 'file:///etc/passwd', 'tel:123', 'https://', '//x.example']) {
            assert.equal(safeUrl(bad), undefined, bad);
        }
        assert.equal(safeUrl('mailto:ana@x.example'), 'mailto:ana@x.example');
    });

    it('percent-encodes what could close a link and open another', () => {
        const href = safeUrl('https://x.example/a)(javascript:alert(1)) [x]')!;
        assert.doesNotMatch(href, /[()[\]\s]/);
        assert.equal(markdownLink('file [1].pdf', 'https://x.example/f (1).pdf'), '[file \\[1\\].pdf](https://x.example/f%20%281%29.pdf)');
        assert.equal(markdownLink('click', 'javascript:alert(1)'), 'click', 'an unsafe URL leaves just the text');
    });

    it('links the web addresses of plain text and escapes the rest', () => {
        assert.equal(linkifyPlainText('see https://x.example/a_b. **now**'), 'see [https://x.example/a\\_b](https://x.example/a_b). \\*\\*now\\*\\*');
        assert.equal(linkifyPlainText('[go](javascript:alert(1))'), '\\[go\\](javascript:alert(1))');
    });

    it('builds mention markup that cannot close its tag', () => {
        assert.deepEqual(mentionMarkup('Ana</at><at>Bob'), { text: '<at>Ana/atatBob</at>', name: 'Ana/atatBob' });
        assert.deepEqual(mentionMarkup(null), { text: '<at>you</at>', name: 'you' });
    });
});
