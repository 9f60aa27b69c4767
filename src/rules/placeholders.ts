/**
 * `{{ColumnName}}` placeholders of alert detail overrides. The grammar is Sentinel's own
 * (Azure-Sentinel `MaxAmountOfDynamicContentPlaceHoldersAttribute`: `{{([^{}]*)}}`).
 */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The column names a format refers to, in order (with repeats). */
export function placeholdersOf(format: string): string[] {
  return [...format.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
}

/**
 * Fills a format from one row. When any placeholder's value is empty or its column is missing,
 * Sentinel reverts the *whole* field to the rule's default ("the alert details for that instance
 * will revert to the defaults"), so this returns undefined and the caller uses the default.
 */
export function fillPlaceholders(
  format: string,
  valueOf: (column: string) => string | undefined,
): string | undefined {
  let missing = false;
  const filled = format.replace(PLACEHOLDER, (_, name: string) => {
    const v = valueOf(name.trim());
    if (v === undefined || v === '') missing = true;
    return v ?? '';
  });
  return missing ? undefined : filled;
}
