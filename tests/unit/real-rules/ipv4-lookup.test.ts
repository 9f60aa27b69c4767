/**
 * `evaluate ipv4_lookup(…)`, the plugin AuthenticationAttemptfromNewCountry.yaml uses to drop
 * sign-ins from Azure address ranges. Expected rows follow the Kusto documentation's examples
 * (also conformance cases ipv4-lookup-plugin-00/01, checked against Kusto's own answers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';

let session: LoupeSession;
beforeAll(async () => {
  session = await createNodeSession();
}, 60_000);
afterAll(() => session?.close());

const LETS = `let Ranges = datatable(network: string, tenant: string, country: string)[
  "5.8.0.0/19", "a", "Russia",
  "2.20.183.0/24", "a", "United Kingdom",
  "2.20.183.0/24", "b", "United Kingdom (b)",
  '["10.0.0.0/8"]', "a", "not a prefix"];
let IPs = datatable(ip: string, tenant: string)["2.20.183.12", "a", "5.8.1.2", "b", "192.165.12.17", "a", "10.1.2.3", "a"];
`;

async function rows(kql: string) {
  const r = await session.run(kql, 'kql');
  return {
    columns: r.columns.map((c) => c.name),
    rows: [...r.rows].map((x) => [...x]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  };
}

describe('evaluate ipv4_lookup', () => {
  it('keeps the input rows inside a lookup prefix, each extended with its lookup row (input columns first)', async () => {
    expect(await rows(`${LETS}IPs | evaluate ipv4_lookup(Ranges, ip, network)`)).toEqual({
      columns: ['ip', 'tenant', 'network', 'tenant1', 'country'],
      rows: [
        ['2.20.183.12', 'a', '2.20.183.0/24', 'a', 'United Kingdom'],
        ['2.20.183.12', 'a', '2.20.183.0/24', 'b', 'United Kingdom (b)'],
        ['5.8.1.2', 'b', '5.8.0.0/19', 'a', 'Russia'],
      ],
    });
  });

  it('extra keys must be equal too, and are not repeated', async () => {
    expect(await rows(`${LETS}IPs | evaluate ipv4_lookup(Ranges, ip, network, tenant)`)).toEqual({
      columns: ['ip', 'tenant', 'network', 'country'],
      rows: [['2.20.183.12', 'a', '2.20.183.0/24', 'United Kingdom']],
    });
  });

  it('return_unmatched = true keeps the other rows with empty lookup strings; a value that is not a prefix matches nothing', async () => {
    expect(
      await rows(
        `${LETS}IPs | evaluate ipv4_lookup(Ranges, ip, network, tenant, return_unmatched = true)`,
      ),
    ).toEqual({
      columns: ['ip', 'tenant', 'network', 'country'],
      rows: [
        ['10.1.2.3', 'a', '', ''],
        ['192.165.12.17', 'a', '', ''],
        ['2.20.183.12', 'a', '2.20.183.0/24', 'United Kingdom'],
        ['5.8.1.2', 'b', '', ''],
      ],
    });
  });

  it('a missing column is an error at its name; a plugin Loupe lacks is refused at its name', () => {
    const fail = (kql: string) => {
      try {
        session.translate(kql);
      } catch (e) {
        return e as LoupeError;
      }
      throw new Error('expected a translation error');
    };
    const missing = fail(`${LETS}IPs | evaluate ipv4_lookup(Ranges, address, network)`);
    expect([missing.code, missing.position.line, missing.position.column]).toEqual([
      'unknown-column',
      7,
      36,
    ]);
    const other = fail(`${LETS}IPs | evaluate frobnicate(ip)`);
    expect([other.code, other.message, other.position.line, other.position.column]).toEqual([
      'unsupported',
      'the plugin "frobnicate" is not supported yet (line 7, column 16)',
      7,
      16,
    ]);
  });
});
