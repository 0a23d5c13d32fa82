/** A progress line on stderr, `[tag] message`: stdout is kept for the report. */
export function progress(tag: string): (message: string) => void {
  return (message) => process.stderr.write(`[${tag}] ${message}\n`);
}

/**
 * Writes a finished report: the human text on stdout, or with `json` every figure as one JSON
 * object on stdout and the human text on stderr (so `> figures.json` keeps both apart).
 */
export function emitReport(json: boolean, figures: unknown, human: string): void {
  if (!json) {
    process.stdout.write(`${human}\n`);
    return;
  }
  process.stderr.write(`${human}\n`);
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

/** Nested figures as indented `key: value` lines (arrays on one line as JSON). */
export function treeLines(figures: Readonly<Record<string, unknown>>, indent = ''): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(figures)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      lines.push(`${indent}${key}:`, ...treeLines(value as Record<string, unknown>, `${indent}  `));
    } else lines.push(`${indent}${key}: ${Array.isArray(value) ? JSON.stringify(value) : value}`);
  }
  return lines;
}

/** Left-aligns the first column and right-aligns the others; a one-cell row is a heading. */
export function alignTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    if (row.length === 1) continue;
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** `value` with `digits` decimals, or `–` when there is none. */
export function fixed(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

/** Bytes as MB with one decimal. */
export const mb = (bytes: number) => +(bytes / 1_048_576).toFixed(1);
