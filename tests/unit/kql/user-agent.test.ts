/**
 * parse_user_agent (parse-user-agent-function.md) over uap-core's regex set: the page's two
 * examples, the uap specification's rules (first match wins, replacements with $n, "Other" when
 * nothing matches), hostile agents in bounded time, and the generated data kept fresh.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseUserAgent, uapSkipped, UA_MAX_CHARS } from '../../../src/kql/runtime/user-agent.ts';
import { uapRegexSet, UAP_REGEXES_PATH } from '../../../scripts/uap/regex-set.ts';
import { functionCases } from './function-cases.ts';

const SYMBIAN =
  'Mozilla/5.0 (SymbianOS/9.2; U; Series60/3.1 NokiaN81-3/10.0.032 Profile/MIDP-2.0 Configuration/CLDC-1.1 ) AppleWebKit/413 (KHTML, like Gecko) Safari/4';
const parsed = (ua: string | null, lookFor: string | null) => {
  const t = parseUserAgent(ua, lookFor);
  return t === null ? null : (JSON.parse(t) as unknown);
};

functionCases('parse_user_agent: the reference page', [
  {
    rule: 'look-for as a string: browser only',
    kql: `print useragent = "Mozilla/5.0 (Windows; U; en-US) AppleWebKit/531.9 (KHTML, like Gecko) AdobeAIR/2.5.1" | project x = parse_user_agent(useragent, "browser")`,
    rows: [
      { x: { Browser: { Family: 'AdobeAIR', MajorVersion: '2', MinorVersion: '5', Patch: '1' } } },
    ],
  },
  {
    rule: 'look-for as a dynamic array: browser, os and device',
    kql: `print useragent = "${SYMBIAN}" | project x = parse_user_agent(useragent, dynamic(["browser","os","device"]))`,
    rows: [
      {
        x: {
          Browser: { Family: 'Nokia OSS Browser', MajorVersion: '3', MinorVersion: '1', Patch: '' },
          OperatingSystem: {
            Family: 'Symbian OS',
            MajorVersion: '9',
            MinorVersion: '2',
            Patch: '',
            PatchMinor: '',
          },
          Device: { Family: 'Nokia N81', Brand: 'Nokia', Model: 'N81-3' },
        },
      },
    ],
  },
]);

describe('parse_user_agent: the uap rules', () => {
  it('an agent no parser knows is family "Other" with empty versions', () => {
    expect(parsed('zzz-unknown-agent', '["browser","os","device"]')).toEqual({
      Browser: { Family: 'Other', MajorVersion: '', MinorVersion: '', Patch: '' },
      OperatingSystem: {
        Family: 'Other',
        MajorVersion: '',
        MinorVersion: '',
        Patch: '',
        PatchMinor: '',
      },
      Device: { Family: 'Other', Brand: '', Model: '' },
    });
  });

  it('a replacement fills $1 from the match (Windows NT 10.0 is "Windows" version 10)', () => {
    const os = parsed(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      '"os"',
    ) as { OperatingSystem: { Family: string; MajorVersion: string } };
    expect(os.OperatingSystem.Family).toBe('Windows');
    expect(os.OperatingSystem.MajorVersion).toBe('10');
  });

  it('a null agent or look-for is null; an unknown look-for is null', () => {
    expect(parseUserAgent(null, 'browser')).toBeNull();
    expect(parseUserAgent('x', null)).toBeNull();
    expect(parseUserAgent('x', 'gpu')).toBeNull();
    expect(parseUserAgent('x', '["browser", 3]')).toBeNull();
  });

  it('hostile agents (long runs of what the patterns repeat) answer in bounded time, cut at UA_MAX_CHARS', () => {
    for (const ua of [
      `Mozilla/5.0 (${'; '.repeat(200_000)})`,
      `${'Android '.repeat(50_000)}Build/`,
      `${'a'.repeat(1_000_000)}`,
    ]) {
      expect(parsed(ua, '["browser","os","device"]')).toMatchObject({
        Browser: expect.any(Object),
        Device: expect.any(Object),
      });
    }
    expect(UA_MAX_CHARS).toBeLessThanOrEqual(4096);
  });

  it('runs the whole set on RE2 (uap-core 0.18.0 has no look-arounds, which RE2 would leave out)', () => {
    expect(uapSkipped()).toBe(0);
  });

  it('the generated data is uap-core regexes.yaml as installed (npx tsx scripts/uap/generate.ts)', () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('uap-core/package.json'));
    const version = (
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }
    ).version;
    const fresh = uapRegexSet(parse(readFileSync(join(dir, 'regexes.yaml'), 'utf8')), version);
    expect(JSON.parse(readFileSync(UAP_REGEXES_PATH, 'utf8'))).toEqual(fresh);
  });
});
