/**
 * The kill-and-check loop of the crash-safety tests (issue 6), shared by
 * tests/integration/crash.test.ts (a few dozen kills) and scripts/crash-soak.ts
 * (the long version).
 *
 * A child process (tests/support/crash-writer.ts) opens a data folder through the
 * real data layer and commits transaction after transaction into `audit_log`:
 * transaction n holds exactly `rowsFor(n)` rows and is acknowledged on stdout
 * (`ack <n>`) only after its commit returned. The loop kills it with SIGKILL at a
 * random moment, reopens the folder through `openDataFolder` (taking over the
 * dead process's lock) and checks that the database is intact, that every
 * acknowledged transaction is whole and that no transaction is partly there.
 * Then it starts a new writer after the last transaction present.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { SCHEMA_VERSION, type KeelMigration } from '../../db/migrations/index';
import { openDataFolder, schemaVersionOf } from '../../db/open';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const WRITER = path.join(import.meta.dirname, 'crash-writer.ts');

/** The `action` of every audit row the writer appends; nothing else in the folder uses it. */
export const WRITE_ACTION = 'test.crash_write';
/** Writers started ahead of time, loading while the current one runs and is checked. */
const SPARE_WRITERS = 2;
/** The largest transaction the writer commits, in rows. */
export const MAX_ROWS = 200;

/** How many rows transaction n holds: 1 to MAX_ROWS, a fixed function of n. */
export function rowsFor(n: number): number {
  let h = Math.imul(n ^ 0x5bd1e995, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  const r = (h >>> 0) % 100;
  // Mostly small transactions, some large ones: 60% up to 20 rows, the rest up to MAX_ROWS.
  return r < 60 ? 1 + (r % 20) : 1 + ((h >>> 8) % MAX_ROWS);
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------
// Child processes

export interface Child {
  process: ChildProcess;
  /** Every `ack <n>` the child printed, in order. */
  acks: number[];
  /** The last `open <n>` (a transaction with at least one row written, not yet committed). */
  lastOpened: number | null;
  /** Every stdout line, for other protocols (the migration child). */
  lines: string[];
  stderr(): string;
  /** Resolves once a stdout line satisfies `match`; rejects if the child exits first. */
  waitFor(match: (line: string) => boolean): Promise<string>;
  /** Resolves with how the child ended (after Node has reaped it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Writes a line to the child's stdin. */
  send(line: string): void;
  /** SIGKILL, then wait until the process is gone and reaped. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs tests/support/crash-writer.ts with tsx, the way the other TypeScript children are run. */
export function startWriter(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  // A killed child cannot read; a write racing its death must not crash the parent.
  proc.stdin!.on('error', () => {});
  const acks: number[] = [];
  const lines: string[] = [];
  let stderr = '';
  let pending = '';
  const waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  let ended: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const child: Child = {
    process: proc,
    acks,
    lastOpened: null,
    lines,
    stderr: () => stderr,
    waitFor(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      if (ended) return Promise.reject(new Error(`the writer exited (${describeEnd(ended)}) before printing the awaited line; stderr:\n${stderr}`));
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
    exited: new Promise((resolve) => {
      // 'close' comes after 'exit' and after stdout/stderr have been read to the end.
      proc.on('close', (code, signal) => {
        ended = { code, signal };
        for (const w of waiters.splice(0)) w.reject(new Error(`the writer exited (${describeEnd(ended)}) before printing the awaited line; stderr:\n${stderr}`));
        resolve(ended);
      });
    }),
    send(line) {
      proc.stdin!.write(`${line}\n`);
    },
    async kill() {
      if (!ended) proc.kill('SIGKILL');
      return child.exited;
    },
  };
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const ack = /^ack (\d+)$/.exec(line);
      const open = /^open (\d+)$/.exec(line);
      if (ack) acks.push(Number(ack[1]));
      else if (open) child.lastOpened = Number(open[1]);
      else lines.push(line);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i]!;
        if (w.match(line)) {
          waiters.splice(i, 1);
          w.resolve(line);
        }
      }
    }
  });
  return child;
}

function describeEnd(end: { code: number | null; signal: NodeJS.Signals | null }): string {
  return end.signal ? `signal ${end.signal}` : `code ${end.code}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// Checking a folder after a crash

export interface FolderState {
  integrity: string[];
  version: number;
  /** Rows of keel_migration, or null when the table does not exist yet. */
  recordedMigrations: number | null;
  /** Transaction number → how many of its rows are present. */
  present: Map<number, number>;
  problems: string[];
}

/**
 * Opens the folder through the real data layer without migrating (so a folder
 * killed during its first migrations is seen as it was left), and lists every
 * broken invariant. `acknowledged` are the transactions a writer reported as
 * committed. Every n in `acknowledged` must be present.
 */
export async function inspectFolder(dir: string, acknowledged: Iterable<number>): Promise<FolderState> {
  const database = await openDataFolder(dir, { migrate: false });
  try {
    const { sqlite } = database;
    const problems: string[] = [];
    const integrity = (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`);
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk)}`);
    const version = schemaVersionOf(sqlite);
    const tables = new Set(sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]);
    const recordedMigrations = tables.has('keel_migration') ? (sqlite.prepare('select count(*) from keel_migration').pluck().get() as number) : null;
    // The version moves inside each migration's transaction, with the migration's record.
    if (version !== (recordedMigrations ?? 0)) problems.push(`user_version is ${version} but keel_migration records ${recordedMigrations ?? 'no table'} migrations`);
    if (version > 0 && !tables.has('audit_log')) problems.push(`user_version is ${version} but audit_log is missing`);

    const present = new Map<number, number>();
    if (tables.has('audit_log')) {
      const groups = sqlite
        .prepare(
          `select target_id as n, count(*) as row_count, count(distinct json_extract(detail, '$.i')) as distinct_i,
                  min(json_extract(detail, '$.i')) as min_i, max(json_extract(detail, '$.i')) as max_i,
                  sum(id = 'crash-' || target_id || '-' || json_extract(detail, '$.i')) as matching_ids
             from audit_log where action = ? group by target_id`,
        )
        .all(WRITE_ACTION) as Array<{ n: string; row_count: number; distinct_i: number; min_i: number; max_i: number; matching_ids: number }>;
      for (const g of groups) {
        const n = Number(g.n);
        const k = rowsFor(n);
        present.set(n, g.row_count);
        if (!Number.isInteger(n) || String(n) !== g.n) problems.push(`a row has an unexpected transaction number ${JSON.stringify(g.n)}`);
        else if (g.row_count !== k || g.distinct_i !== k || g.min_i !== 0 || g.max_i !== k - 1 || g.matching_ids !== k) {
          problems.push(`transaction ${n} is partly present: ${g.row_count} of ${k} rows (distinct ${g.distinct_i}, i ${g.min_i}…${g.max_i}, ids matching ${g.matching_ids})`);
        }
      }
    }
    const missing = [...acknowledged].filter((n) => !present.has(n));
    if (missing.length > 0) problems.push(`${missing.length} acknowledged transaction(s) missing, e.g. ${missing.slice(0, 10).join(', ')}`);
    return { integrity, version, recordedMigrations, present, problems };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------
// The loop

export interface CrashLoopOptions {
  dir: string;
  kills: number;
  seed: number;
  /** The longest wait between the writer being ready and the kill (default 250 ms). */
  maxDelayMs?: number;
  /** Called after each kill has been checked. */
  onRound?: (round: RoundReport) => void;
}

export interface RoundReport {
  round: number;
  /** 'opening': killed within 30 ms of starting to open the folder; 'writing': up to maxDelayMs after it was open. */
  phase: 'opening' | 'writing';
  delayMs: number;
  /** Acks printed by this round's writer. */
  acks: number;
  /** The highest transaction present after the kill (-1: none yet). */
  last: number;
  /** A transaction with rows written but no commit was cut short and is absent. */
  rolledBack: boolean;
  /** The last transaction committed but its ack had not been printed yet. */
  committedUnacked: boolean;
  rows: number;
  /** user_version found after the kill: below SCHEMA_VERSION when the kill cut Keel's own migrations short. */
  version: number;
}

export interface CrashLoopSummary {
  seed: number;
  kills: number;
  transactions: number;
  rows: number;
  acknowledged: number;
  rolledBack: number;
  committedUnacked: number;
  openingKills: number;
  /** Kills that left the schema below the current version (a migration cut short). */
  migrationKills: number;
}

export class CrashLoopFailure extends Error {
  override name = 'CrashLoopFailure';
}

/** Kills a writer `kills` times and checks the folder after each kill; throws CrashLoopFailure on the first broken invariant. */
export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopSummary> {
  const { dir, kills, seed } = options;
  const maxDelayMs = options.maxDelayMs ?? 250;
  const random = prng(seed);
  const acknowledged = new Set<number>();
  let maxAcked = -1;
  /** The highest transaction seen present after the previous kill. */
  let confirmed = -1;
  let next = 0;
  const summary: CrashLoopSummary = { seed, kills: 0, transactions: 0, rows: 0, acknowledged: 0, rolledBack: 0, committedUnacked: 0, openingKills: 0, migrationKills: 0 };
  const fail = (round: number, message: string): never => {
    throw new CrashLoopFailure(`crash loop failed after kill ${round} of ${kills} (seed ${seed}, folder ${dir}):\n${message}`);
  };

  // Loading TypeScript through tsx takes a child a second or two, so the next
  // writers are started early and wait (`write -`) for their first transaction
  // number on stdin; a writer touches the folder only after that.
  const warm = () => startWriter([dir, 'write', '-']);
  const spares = Array.from({ length: Math.min(SPARE_WRITERS, kills) }, warm);
  try {
    for (let round = 1; round <= kills; round++) {
      // Most kills land while transactions are being committed; some are timed from
      // the start of the open (stale lock take-over; on the fresh folder of the first
      // round, Keel's own migrations).
      const phase: RoundReport['phase'] = random() < 0.15 || round === 1 ? 'opening' : 'writing';
      const delayMs = Math.floor(random() * (phase === 'opening' ? 30 : maxDelayMs));
      const child = spares.shift()!;
      child.send(String(next));
      let end: { code: number | null; signal: NodeJS.Signals | null };
      try {
        await child.waitFor((line) => line === (phase === 'opening' ? 'opening' : 'ready'));
        if (round + spares.length < kills) spares.push(warm());
        await sleep(delayMs);
      } finally {
        end = await child.kill();
      }
      if (end.signal !== 'SIGKILL') fail(round, `the writer ended by itself (${describeEnd(end)}), not by the kill; stderr:\n${child.stderr()}`);
      for (const n of child.acks) {
        acknowledged.add(n);
        if (n > maxAcked) maxAcked = n;
      }
      // Acks come in order from `next`, each after its own commit.
      child.acks.forEach((n, i) => {
        if (n !== next + i) fail(round, `the writer acknowledged ${n} where ${next + i} was expected`);
      });

      let state: FolderState;
      try {
        state = await inspectFolder(dir, acknowledged);
      } catch (error) {
        return fail(round, `reopening the folder failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const problems = [...state.problems];
      const numbers = [...state.present.keys()].sort((a, b) => a - b);
      const last = numbers.length > 0 ? numbers[numbers.length - 1]! : -1;
      // Transactions are committed one after another: whatever is present is 0…last, no gaps.
      if (numbers.length !== last + 1) problems.push(`transactions present are not contiguous from 0: ${numbers.length} present, highest ${last}`);
      // Whatever was acknowledged, or seen committed after an earlier kill, must still be there.
      const settled = Math.max(maxAcked, confirmed);
      if (last < settled) problems.push(`transaction ${settled} was committed before, but the highest present now is ${last}`);
      // At most one more can be committed: the one this kill caught between its commit and its ack.
      if (last > settled + 1) problems.push(`transaction ${last} is present but the last acknowledged is ${settled}`);
      if (last === settled + 1 && child.lastOpened !== last) problems.push(`transaction ${last} is present but the writer never began it`);
      if (problems.length > 0) fail(round, problems.join('\n'));

      const rolledBack = child.lastOpened !== null && child.lastOpened > last;
      const committedUnacked = last === settled + 1;
      confirmed = last;
      const rows = numbers.reduce((sum, n) => sum + rowsFor(n), 0);
      summary.kills = round;
      summary.transactions = last + 1;
      summary.rows = rows;
      summary.acknowledged = acknowledged.size;
      if (rolledBack) summary.rolledBack++;
      if (committedUnacked) summary.committedUnacked++;
      if (phase === 'opening') summary.openingKills++;
      if (state.version < SCHEMA_VERSION) summary.migrationKills++;
      options.onRound?.({ round, phase, delayMs, acks: child.acks.length, last, rolledBack, committedUnacked, rows, version: state.version });
      next = last + 1;
    }
  } finally {
    for (const spare of spares) await spare.kill();
  }
  return summary;
}

// ---------------------------------------------------------------------------
// The interrupted-migration test

export const SLOW_MIGRATION_NAME = '9000-test-crash-slow';
export const SLOW_TABLE = 'test_crash_slow';
/** Rows the slow migration inserts, ~1 KB each: far more than SQLite's page cache, so it spills into the WAL before commit. */
export const SLOW_ROWS = 8_000;
export const SLOW_PROGRESS_EVERY = 500;

/** A test-only migration that creates a table and fills it row by row, reporting progress. */
export function slowMigration(onProgress: (line: string) => void | Promise<void> = () => {}): KeelMigration {
  return {
    name: SLOW_MIGRATION_NAME,
    async up(db) {
      await db.schema
        .createTable(SLOW_TABLE)
        .addColumn('i', 'integer', (c) => c.primaryKey())
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex(`${SLOW_TABLE}_payload`).on(SLOW_TABLE).column('payload').execute();
      await onProgress('migration started');
      for (let i = 0; i < SLOW_ROWS; i++) {
        await sql`insert into ${sql.table(SLOW_TABLE)} (i, payload) values (${i}, ${slowPayload(i)})`.execute(db);
        if ((i + 1) % SLOW_PROGRESS_EVERY === 0) await onProgress(`migrated ${i + 1}`);
      }
    },
  };
}

export function slowPayload(i: number): string {
  return `${i}:`.padEnd(1000, String.fromCharCode(97 + (i % 26)));
}
