/** The figures of a run, their baselines, ratios and targets, printed as one table. */

export interface Figure {
  /** What is measured. */
  name: string;
  /** cqtt's value, formatted. */
  value: string;
  /** The baseline's value, formatted ('' when the target is absolute). */
  baseline: string;
  /** cqtt / baseline ('' when none). */
  ratio: string;
  target: string;
  /** null: not measured in this run (printed as "not run"). */
  holds: boolean | null;
}

export const figures: Figure[] = [];

export function fmt(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function table(rows: string[][], rightAlignFrom = 1): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i < rightAlignFrom ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function printFigures(): void {
  const rows = [
    ['figure', 'cqtt', 'baseline', 'ratio', 'target', 'holds'],
    ...figures.map((f) => [
      f.name,
      f.value,
      f.baseline,
      f.ratio,
      f.target,
      f.holds === null ? 'not run' : f.holds ? 'yes' : 'NO',
    ]),
  ];
  console.log(table(rows, 1));
}
