import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { domainHandlers } from '../../electron/core/handlers/index';
import { contract, domains, mergeDomains, type ChannelSpec } from '../../shared/contract/index';

/**
 * One name per domain, the same in every layer (issue 14): a domain is a channel
 * prefix, and each has shared/contract/<domain>.ts (its channels and output types),
 * electron/core/<domain>/handlers.ts, db/<domain>.ts (or db/<domain>/) and
 * tests/integration/<domain>.test.ts, with the prefix written in kebab case.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const kebab = (domain: string) => domain.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const exists = (relative: string) => fs.existsSync(path.join(ROOT, relative));

/**
 * Domains that own no table: they read and write through the db files of the
 * domains they draw on (sign-in through db/users.ts, setup through db/clinic.ts
 * and db/users.ts, the schedule's frame and reports through appointments,
 * rosters, rooms and closures).
 */
const DB_NONE = ['auth', 'setup', 'schedule', 'scheduleReports'];
/**
 * Domains whose db/ or tests/integration/ file is still under another name while
 * issue 14 is under way (the backups' SQL is in electron/core until it moves to
 * db/backup/, …). The lists may only shrink: a domain that gains its file must
 * leave the list, or this test fails.
 */
const DB_NOT_YET = ['backups'];
const TESTS_NOT_YET = ['staffSettings', 'attachments', 'positions', 'candidates', 'coverage', 'rooms', 'equipment', 'appointmentTypes', 'schedule', 'scheduleSettings', 'waitlist', 'scheduleReports'];

/** The files of shared/contract that are no domain: the contract's own machinery (and recovery's, which has its own router). */
const CONTRACT_MACHINERY = ['channel.ts', 'clinic-fields.ts', 'errors.ts', 'events.ts', 'fields.ts', 'index.ts', 'issues.ts', 'recovery.ts'];

const names = Object.keys(domains) as Array<keyof typeof domains>;

describe('one name per domain', () => {
  it.each(names)('%s: its contract file holds its channels, named after it', async (domain) => {
    const module = (await import(path.join(ROOT, 'shared/contract', `${kebab(domain)}.ts`))) as Record<string, unknown>;
    expect(module[`${domain}Contract`]).toBe(domains[domain]);
    const channels = Object.keys(domains[domain]);
    expect(channels.length).toBeGreaterThan(0);
    for (const name of channels) expect(name.startsWith(`${domain}.`), name).toBe(true);
  });

  it.each(names)('%s: electron/core/<domain>/handlers.ts answers exactly its channels', async (domain) => {
    const module = (await import(path.join(ROOT, 'electron/core', kebab(domain), 'handlers.ts'))) as Record<string, unknown>;
    const handlers = module[`${domain}Handlers`] as Record<string, unknown>;
    expect(handlers).toBe(domainHandlers[domain]);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(domains[domain]).sort());
  });

  it('every domain has its db file (unless it owns no table) and its integration test, apart from the listed ones still to move', () => {
    for (const d of DB_NONE) expect(exists(`db/${kebab(d)}.ts`), `${d} has a db file: take it off DB_NONE`).toBe(false);
    const missingDb = names.filter((d) => !DB_NONE.includes(d) && !exists(`db/${kebab(d)}.ts`) && !exists(`db/${kebab(d)}`));
    const missingTests = names.filter((d) => !exists(`tests/integration/${kebab(d)}.test.ts`));
    expect(missingDb).toEqual(DB_NOT_YET);
    expect(missingTests).toEqual(TESTS_NOT_YET);
  });

  it('shared/contract holds one file per domain and the contract’s machinery, and no catch-all of types', () => {
    const files = fs.readdirSync(path.join(ROOT, 'shared/contract')).filter((f) => f.endsWith('.ts'));
    const expected = [...names.map((d) => `${kebab(d)}.ts`), ...CONTRACT_MACHINERY].sort();
    expect(files.sort()).toEqual(expected);
  });

  it('the merged contract is every domain’s channels, each once', () => {
    const all = names.flatMap((d) => Object.keys(domains[d]));
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(contract).sort()).toEqual(all.sort());
  });
});

describe('mergeDomains', () => {
  const spec = (summary: string) => ({ summary }) as unknown as ChannelSpec;

  it('refuses a channel declared in two domains’ maps, where a spread would let the later one win', () => {
    expect(() => mergeDomains({ rooms: { 'rooms.list': spec('a') }, equipment: { 'rooms.list': spec('b') } })).toThrow('The channel rooms.list is declared in the equipment domain');
    // Within the prefix rule a name can only come twice through a dotted domain name; the check holds whatever the maps.
    expect(() => mergeDomains({ rooms: { 'rooms.x.list': spec('a') }, 'rooms.x': { 'rooms.x.list': spec('b') } })).toThrow('The channel rooms.x.list is declared twice (in rooms and rooms.x).');
  });

  it('refuses a channel outside its domain', () => {
    expect(() => mergeDomains({ rooms: { 'equipment.list': spec('a') } })).toThrow('The channel equipment.list is declared in the rooms domain; it belongs in its own domain’s file.');
  });

  it('keeps every channel of maps that follow the rule', () => {
    const merged = mergeDomains({ rooms: { 'rooms.list': spec('a') }, equipment: { 'equipment.list': spec('b') } }) as Record<string, ChannelSpec>;
    expect(Object.keys(merged)).toEqual(['rooms.list', 'equipment.list']);
    expect(merged['equipment.list']!.summary).toBe('b');
  });
});

describe('imports', () => {
  /** Each file's relative imports that bring values (a type-only import is gone once compiled). */
  function valueImports(): Map<string, string[]> {
    const files = new Map<string, string>();
    for (const top of ['electron', 'db', 'shared', 'renderer']) {
      for (const entry of fs.readdirSync(path.join(ROOT, top), { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && /\.tsx?$/.test(entry.name)) {
          const file = path.relative(ROOT, path.join(entry.parentPath, entry.name));
          files.set(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
        }
      }
    }
    const resolve = (from: string, spec: string) => {
      const base = path.normalize(path.join(path.dirname(from), spec));
      return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => files.has(f));
    };
    const graph = new Map<string, string[]>();
    for (const [file, text] of files) {
      const deps: string[] = [];
      for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+'(\.[^']+)';/gms)) {
        const names = m[2]!.trim();
        const typeOnly = m[1] !== undefined || (names.startsWith('{') && names.slice(1, -1).split(',').every((n) => n.trim() === '' || n.trim().startsWith('type ')));
        const target = resolve(file, m[3]!);
        if (!typeOnly && target) deps.push(target);
      }
      graph.set(file, deps);
    }
    return graph;
  }

  it('no module imports itself round a circle (a circle loads one side half-made)', () => {
    const graph = valueImports();
    expect(graph.get('electron/core/app.ts')).toContain('electron/core/backup-service.ts');
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('the backup service knows the app only through its BackupHost', () => {
    const text = fs.readFileSync(path.join(ROOT, 'electron/core/backup-service.ts'), 'utf8');
    expect(text).not.toMatch(/from '\.\/app'/);
    expect(text).not.toMatch(/\.db = /);
  });
});
