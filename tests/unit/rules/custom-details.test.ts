import { describe, expect, it } from 'vitest';
import { buildCustomDetails } from '../../../src/rules/custom-details.ts';

describe('custom details', () => {
  it('are {key: [values]} from all the alert rows, de-duplicated in row order, as text', () => {
    const rows = [
      { RiskLevel: 'high', SilentCount: 12 },
      { RiskLevel: 'medium', SilentCount: 3 },
      { RiskLevel: 'high', SilentCount: 12 },
    ];
    expect(
      buildCustomDetails(rows, [
        { key: 'RiskLevel', columnName: 'RiskLevel' },
        { key: 'SilentSignInCount', columnName: 'SilentCount' },
      ]),
    ).toEqual({ RiskLevel: ['high', 'medium'], SilentSignInCount: ['12', '3'] });
  });

  it('leave out empty values, and a key with no value at all', () => {
    expect(
      buildCustomDetails(
        [{ A: '', B: null }, { A: 'x' }],
        [
          { key: 'A', columnName: 'A' },
          { key: 'B', columnName: 'B' },
        ],
      ),
    ).toEqual({ A: ['x'] });
  });

  it('show dynamic values as compact JSON', () => {
    expect(
      buildCustomDetails([{ Apps: ['Teams', 'Outlook'] }], [{ key: 'Apps', columnName: 'Apps' }]),
    ).toEqual({ Apps: ['["Teams","Outlook"]'] });
  });
});
