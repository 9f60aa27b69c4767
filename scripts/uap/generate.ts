/**
 * Writes src/kql/runtime/data/uap-core-regexes.json, the data parse_user_agent() matches with, from
 * the regexes.yaml of the `uap-core` package (ua-parser's shared regex set, Apache-2.0; Kusto's
 * parse_user_agent returns the same Browser/OperatingSystem/Device fields). Only the fields the
 * parsers use are kept, in a compact shape. Run after upgrading uap-core:
 * `npx tsx scripts/uap/generate.ts` (tests/unit/kql/user-agent.test.ts checks the file is fresh).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { uapRegexSet, UAP_REGEXES_PATH } from './regex-set.ts';

const require = createRequire(import.meta.url);
const dir = dirname(require.resolve('uap-core/package.json'));
const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
  .version;
const set = uapRegexSet(parse(readFileSync(join(dir, 'regexes.yaml'), 'utf8')), version);
writeFileSync(UAP_REGEXES_PATH, `${JSON.stringify(set)}\n`);
console.log(
  `wrote ${UAP_REGEXES_PATH}: uap-core ${version}, ${set.userAgent.length} browser, ${set.os.length} OS, ${set.device.length} device parsers`,
);
