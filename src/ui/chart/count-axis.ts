/**
 * A uPlot axis of counts (events, result rows): ticks only at whole numbers 1, 2, 5, 10, 20, 50…
 * (uPlot's default steps would mark 0.25 of an event on a short axis), written with separators.
 */
import { formatCount } from '../format.ts';

/** The tick steps uPlot may choose from: 1·10^e, 2·10^e, 5·10^e, e = 0…9. */
export const COUNT_INCREMENTS: readonly number[] = Array.from({ length: 10 }, (_, e) =>
  [1, 2, 5].map((m) => m * 10 ** e),
).flat();

/** The labels of the ticks uPlot placed. */
export function countTickLabels(splits: readonly number[]): string[] {
  return splits.map((v) => formatCount(v));
}
