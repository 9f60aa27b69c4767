/**
 * The real Sentinel rules of tests/fixtures/rules/sentinel/, each read, translated and replayed over the
 * Log Analytics export in ../shared/samples/la-export-bec/ (not redistributable) through the session the CLI uses
 * (issue 3 "Real rules", issue 4 "Done when"). Outcomes are data (./expectations.ts): a rule runs
 * and its report is checked against the schedule, or it fails with a typed error at a line and
 * column of the rule file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import { parseRuleFile, isScheduled, type ScheduledRule } from '../../../src/rules/index.ts';
import type { ReplayReport } from '../../../src/rules/api.ts';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';
import {
  EXPECTED,
  RUN_WITH_SERVICE_TAGS,
  SERVICE_TAGS_URL,
  TARGET_RUNNING,
} from './expectations.ts';
import {
  readFixture,
  readRuleText,
  readSample,
  ruleFileNames,
  sampleFileNames,
  samplesMissing,
  textAt,
} from './shared-material.ts';

const LOADED = ['AADNonInteractiveUserSignInLogs', 'AuditLogs', 'SigninLogs'];

let session: LoupeSession;
/** Earliest and latest TimeGenerated over the samples, read straight from the loaded tables. */
let dataRange: { min: number; max: number };

function epochMs(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Date.parse(v.endsWith('Z') ? v : `${v}Z`);
  throw new Error(`not a datetime: ${String(v)}`);
}

/** The runs Sentinel's schedule implies: every queryFrequency on the epoch grid, from the first
 * at or after the earliest event to the first at or after the latest (sentinel-semantics.md §12). */
function expectedRunTimes(rule: ScheduledRule): number[] {
  const f = rule.queryFrequency.ms;
  const first = Math.ceil(dataRange.min / f) * f;
  const last = Math.ceil(dataRange.max / f) * f;
  const times: number[] = [];
  for (let t = first; t <= last; t += f) times.push(t);
  return times;
}

function triggers(rule: ScheduledRule, count: number): boolean {
  switch (rule.triggerOperator) {
    case 'GreaterThan':
      return count > rule.triggerThreshold;
    case 'LessThan':
      return count < rule.triggerThreshold;
    case 'Equal':
      return count === rule.triggerThreshold;
    case 'NotEqual':
      return count !== rule.triggerThreshold;
  }
}

/** A report an analyst (or another tool) can rely on: runs on the schedule, windows of the
 * rule's period, triggers consistent with the counts, alerts and incidents referring to each other. */
function expectWellFormed(report: ReplayReport, rule: ScheduledRule): void {
  expect(() => JSON.stringify(report)).not.toThrow();
  expect(report.rule.id).toBe(rule.id);
  const times = expectedRunTimes(rule);
  expect(report.runs.map((r) => Date.parse(r.at))).toEqual(times);
  const alertIds = new Set(report.alerts.map((a) => a.id));
  let alertsFromRuns = 0;
  for (const run of report.runs) {
    expect(Date.parse(run.windowEnd)).toBe(Date.parse(run.at));
    expect(Date.parse(run.windowEnd) - Date.parse(run.windowStart)).toBe(rule.queryPeriod.ms);
    expect(Number.isInteger(run.resultCount) && run.resultCount >= 0).toBe(true);
    if (!run.suppressed) expect(run.triggered).toBe(triggers(rule, run.resultCount));
    for (const id of run.alertIds ?? []) expect(alertIds.has(id)).toBe(true);
    alertsFromRuns += run.alertIds?.length ?? 0;
    if (run.triggered) expect(run.alertIds?.length ?? 0).toBeGreaterThan(0);
  }
  expect(alertsFromRuns).toBe(report.alerts.length);
  for (const incident of report.incidents) {
    expect(incident.alertIds.length).toBeGreaterThan(0);
    for (const id of incident.alertIds) expect(alertIds.has(id)).toBe(true);
  }
}

describe.skipIf(samplesMissing('the real Sentinel rules over the la-export-bec samples'))(
  'real Sentinel rules over the la-export-bec samples',
  () => {
    beforeAll(async () => {
      session = await createNodeSession();
      for (const name of sampleFileNames()) await session.load({ name, bytes: readSample(name) });
      const r = await session.run(
        LOADED.map(
          (t) => `SELECT min("TimeGenerated") AS lo, max("TimeGenerated") AS hi FROM "${t}"`,
        ).join(' UNION ALL '),
        'sql',
      );
      dataRange = {
        min: Math.min(...r.rows.map((row) => epochMs(row[0]))),
        max: Math.max(...r.rows.map((row) => epochMs(row[1]))),
      };
    }, 120_000);
    afterAll(() => session?.close());

    it('the samples load into the tables the rules read', () => {
      expect(
        session
          .tables()
          .map((t) => t.name)
          .sort(),
      ).toEqual(LOADED);
      expect(dataRange.max).toBeGreaterThan(dataRange.min);
    });

    it('every rule file has an expected outcome, and the target of issue 3 is met', () => {
      const files = ruleFileNames();
      expect(files).toEqual(Object.keys(EXPECTED).sort());
      const notBroken = Object.values(EXPECTED).filter(
        (e) => !(e.outcome === 'fails' && e.because === 'broken-as-published'),
      );
      expect(notBroken).toHaveLength(16);
      const running = notBroken.filter((e) => e.outcome === 'runs').length;
      expect(running).toBeGreaterThanOrEqual(TARGET_RUNNING);
    });

    for (const [file, expected] of Object.entries(EXPECTED)) {
      it(`${file}: ${expected.outcome === 'runs' ? 'replays over the samples' : `fails at ${expected.line}:${expected.column} (${expected.message})`}`, async () => {
        const text = readRuleText(file);
        let report: ReplayReport | undefined;
        let error: unknown;
        try {
          session.readRule(text, file);
          report = await session.replay();
        } catch (e) {
          error = e;
        }

        if (expected.outcome === 'runs') {
          if (error)
            throw new Error(
              `${file} is expected to run but failed: ${error instanceof LoupeError ? error.describe() : String(error)}`,
            );
          const rule = parseRuleFile(text, file);
          if (!isScheduled(rule)) throw new Error(`${file} is not a scheduled rule`);
          expectWellFormed(report!, rule);
          // Tables the rule reads but the samples lack exist empty for the replay, then go away.
          expect([...(report!.emptyTables ?? [])].sort()).toEqual([...expected.emptyTables].sort());
          expect(
            session
              .tables()
              .map((t) => t.name)
              .sort(),
          ).toEqual(LOADED);
          return;
        }

        if (!error) {
          throw new Error(
            expected.because === 'unsupported'
              ? `${file} now runs: move it to { outcome: 'runs' } in tests/unit/real-rules/expectations.ts and docs/real-rules.md (the failure list only shrinks)`
              : `${file} is broken as published and must fail at line ${expected.line}, but it replayed`,
          );
        }
        expect(error).toBeInstanceOf(LoupeError);
        const e = error as LoupeError;
        const where = `${e.position.file}:${e.position.line}:${e.position.column} ${e.stage}/${e.code}: ${e.message}`;
        if (
          expected.because === 'unsupported' &&
          (e.code !== expected.code ||
            e.position.line !== expected.line ||
            e.position.column !== expected.column)
        ) {
          throw new Error(
            `${file} fails somewhere else now (${where}): update tests/unit/real-rules/expectations.ts and docs/real-rules.md`,
          );
        }
        expect({
          stage: e.stage,
          code: e.code,
          file: e.position.file,
          line: e.position.line,
          column: e.position.column,
        }).toEqual({
          stage: expected.stage,
          code: expected.code,
          file,
          line: expected.line,
          column: expected.column,
        });
        expect(e.message).toContain(expected.message);
        expect(textAt(text, expected.line, expected.column).startsWith(expected.at)).toBe(true);
        // A failed rule loses nothing already loaded.
        expect(
          session
            .tables()
            .map((t) => t.name)
            .sort(),
        ).toEqual(LOADED);
      }, 120_000);
    }

    for (const file of RUN_WITH_SERVICE_TAGS) {
      it(`${file} replays once its externaldata URL has a file (CLI --external URL=FILE)`, async () => {
        const t = await session.load(
          { name: 'ServiceTags_Public.json', bytes: readFixture('ServiceTags_Public.json') },
          { table: 'externaldata_ServiceTags_Public' },
        );
        try {
          session.useExternalData(SERVICE_TAGS_URL, t.name);
          const text = readRuleText(file);
          session.readRule(text, file);
          const report = await session.replay();
          const rule = parseRuleFile(text, file);
          if (!isScheduled(rule)) throw new Error(`${file} is not a scheduled rule`);
          expectWellFormed(report, rule);
          // The supplied file has no TimeGenerated: every run reads all of it.
          expect(report.snapshotTables).toEqual([t.name]);
          expect(
            report.runs.every((r) =>
              r.tables?.some((x) => x.name === t.name && x.windowStart === null),
            ),
          ).toBe(true);
        } finally {
          session.dropTable(t.name);
        }
      }, 120_000);
    }
  },
);
