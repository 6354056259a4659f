/**
 * The benchmark harness: each operation is timed against a floor doing the same
 * work the plainest way (raw better-sqlite3, a bare HTTP echo) in the same run,
 * and judged by the ratio of medians, so a slower or busier machine does not
 * change the verdict.
 */

export interface Timing {
  median: number;
  p95: number;
  samples: number;
}

export interface Comparison {
  name: string;
  op: Timing;
  floor: Timing;
  ratio: number;
  target: number;
  pass: boolean;
  /** The target is a speed-up: ratio must be at least the target. */
  faster?: boolean;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), samples: sorted.length };
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times `op` and `floor` in alternating rounds (so both see the same machine state). */
export async function compare(name: string, options: { op: () => unknown; floor: () => unknown; target: number; iterations?: number; warmup?: number }): Promise<Comparison> {
  const iterations = options.iterations ?? 200;
  const warmup = options.warmup ?? 20;
  for (let i = 0; i < warmup; i++) {
    await options.op();
    await options.floor();
  }
  const opSamples: number[] = [];
  const floorSamples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    if (i % 2 === 0) {
      opSamples.push(await timeOnce(options.op));
      floorSamples.push(await timeOnce(options.floor));
    } else {
      floorSamples.push(await timeOnce(options.floor));
      opSamples.push(await timeOnce(options.op));
    }
  }
  const op = summarize(opSamples);
  const floor = summarize(floorSamples);
  const ratio = op.median / floor.median;
  return { name, op, floor, ratio, target: options.target, pass: ratio <= options.target };
}

const ms = (n: number) => `${n.toFixed(3)} ms`;

export function report(results: Comparison[]): boolean {
  const rows = results.map((r) => [r.name, ms(r.op.median), ms(r.op.p95), ms(r.floor.median), `${r.ratio.toFixed(2)}×`, `${r.faster ? '≥' : '≤'} ${r.target}×`, r.pass ? 'PASS' : 'FAIL']);
  const header = ['operation', 'median', 'p95', 'floor median', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  return results.every((r) => r.pass);
}
