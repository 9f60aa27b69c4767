/**
 * A caller's ReplayData as a plain object of delegating functions, for a replay or a check that
 * overrides a few members and keeps the rest. Delegated, not spread: a caller's ReplayData may be a
 * class instance, whose methods a spread loses.
 */
import type { ReplayData } from './api.ts';

export function delegateReplayData(data: ReplayData): ReplayData {
  return {
    engine: data.engine,
    resolveTable: (n) => data.resolveTable(n),
    loadedTables: () => data.loadedTables(),
    externalData: (url) => data.externalData?.(url),
    ...(data.suggestTables && { suggestTables: (n: string) => data.suggestTables?.(n) ?? [] }),
    ...(data.discoverRows && { discoverRows: (r) => data.discoverRows?.(r) ?? [] }),
    ...(data.resolveFunction && { resolveFunction: (n: string) => data.resolveFunction?.(n) }),
    ...(data.isWatchlistLoaded && {
      isWatchlistLoaded: (alias: string) => data.isWatchlistLoaded?.(alias) ?? false,
    }),
  };
}
