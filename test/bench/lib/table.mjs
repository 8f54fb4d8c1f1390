// Plain-text tables and the small statistics the benchmarks share. Every figure a benchmark prints
// goes through here, so the tables in BENCHMARKS.md look the same whichever script made them.

/**
 * Prints a GitHub-flavoured markdown table, so the output can be pasted into BENCHMARKS.md as is.
 * @param {string[]} headers
 * @param {Array<Array<string | number>>} rows
 */
export function printTable(headers, rows) {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) =>
    Math.max(...cells.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row) =>
    `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

/**
 * The median of the finite numbers in `values`, or `NaN` when there are none.
 * @param {number[]} values
 */
export function median(values) {
  const sorted = values.filter(Number.isFinite).toSorted((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Bytes as KB with one decimal (1 KB = 1,000 bytes, as the budgets in the issue are written).
 * @param {number} bytes
 */
export function kb(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} KB` : 'n/a';
}

/**
 * A number with a fixed number of decimals, or `n/a`.
 * @param {number} value
 * @param {number} [digits]
 */
export function fixed(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/**
 * `value / base` as `1.23×`; `n/a` when either is missing, `—` when the base is zero.
 * @param {number} value
 * @param {number} base
 */
export function ratio(value, base) {
  if (!Number.isFinite(value) || !Number.isFinite(base)) return 'n/a';
  if (base === 0) return value === 0 ? '1.00×' : '—';
  return `${(value / base).toFixed(2)}×`;
}

/**
 * Reads `--name value` or `--name=value` from argv as a positive number.
 * @param {string[]} argv
 * @param {string} name
 * @param {number} fallback
 */
export function numberFlag(argv, name, fallback) {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return fallback;
  const raw = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} needs a positive number, got "${raw}".`);
  }
  return value;
}
