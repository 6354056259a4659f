import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, ERROR_CODES, type ChannelName } from '../../shared/contract/index';
import { ROLES, type Role } from '../../shared/domain/permissions';
import { addUser, auditRows, MANAGER, openTestKeel, setUpClinic, signIn, snapshot, type TestKeel } from '../support/harness';

/**
 * Random payloads at every channel, signed out and as each role: only typed
 * errors come back, nothing throws, a refused call changes no row, and the
 * database stays intact.
 */

let keel: TestKeel;
const passwords: Record<Role, { username: string; password: string }> = {
  manager: { username: MANAGER.username, password: MANAGER.password },
  receptionist: { username: 'fuzz-reception', password: 'fuzz-reception-own-password' },
  provider: { username: 'fuzz-provider', password: 'fuzz-provider-own-password' },
  billing: { username: 'fuzz-billing', password: 'fuzz-billing-own-password' },
};
const tokens: Partial<Record<Role, string>> = {};
/** How calls ended, to show the fuzzer reaches past input validation. */
const outcomes = new Map<string, number>();

beforeAll(async () => {
  keel = await openTestKeel();
  tokens.manager = await setUpClinic(keel);
  for (const role of ['receptionist', 'provider', 'billing'] as const) {
    tokens[role] = (await addUser(keel, tokens.manager, { username: passwords[role].username, role }, passwords[role].password)).token;
  }
});
afterAll(async () => keel.close());

/** A session that still works (the fuzzer may have signed it out or locked it). */
async function sessionFor(role: Role): Promise<string> {
  const session = keel.app.sessions.get(tokens[role]);
  if (!session || session.locked) tokens[role] = await signIn(keel, passwords[role].username, passwords[role].password);
  return tokens[role]!;
}

const json = fc.jsonValue({ maxDepth: 3 });

/** Channels where a wrong password is counted against the account and audited, on purpose. */
const GUESSING_CHANNELS: readonly string[] = ['auth.login', 'auth.unlock', 'auth.changePassword'];

/** Payloads near a channel's valid example: a key dropped, one added, one replaced, a huge string. */
function payloadsFor(name: ChannelName): fc.Arbitrary<unknown> {
  const example = contract[name].example as Record<string, unknown>;
  const keys = Object.keys(example);
  const variants: Array<fc.Arbitrary<unknown>> = [
    fc.constant(example),
    fc.anything({ maxDepth: 2 }),
    json,
    fc.record({ extra: json }).map((extra) => ({ ...example, ...extra })),
    fc.string({ maxLength: 20 }).filter((k) => !keys.includes(k)).map((k) => ({ ...example, [k || 'x']: 1 })),
    fc.constant({ ...example, huge: 'x'.repeat(100_000) }),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    variants.push(key.map((k) => Object.fromEntries(Object.entries(example).filter(([kk]) => kk !== k))));
    variants.push(fc.tuple(key, json).map(([k, v]) => ({ ...example, [k]: v })));
    variants.push(key.map((k) => ({ ...example, [k]: 'y'.repeat(50_000) })));
  }
  return fc.oneof(...variants);
}

function expectTypedError(result: unknown): void {
  expect(result).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  const r = result as { ok: boolean; error?: { code: string; message: string } };
  if (!r.ok) {
    expect(ERROR_CODES).toContain(r.error!.code);
    expect(typeof r.error!.message).toBe('string');
    expect(r.error!.message).not.toMatch(/\n\s+at /); // no stack traces
  }
}

describe('every channel under random input', () => {
  for (const who of ['signed out', ...ROLES] as const) {
    it(`answers only typed errors and changes nothing when it refuses (${who})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES).chain((name) => fc.tuple(fc.constant(name), payloadsFor(name))), fc.context(), async ([name, payload], ctx) => {
          const token = who === 'signed out' ? null : await sessionFor(who);
          // A backup started by an earlier call records its outcome when it ends: let it end first.
          while (keel.app.backups.isRunning) await new Promise((resolve) => setTimeout(resolve, 10));
          // A refused call leaves every row alone but its audit row; a wrong password also counts against the account.
          const guesses = GUESSING_CHANNELS.includes(name);
          const before = snapshot(keel, { skipAudit: true, skip: guesses ? ['users'] : [] });
          const auditBefore = auditRows(keel).length;
          const outcome = await keel.router.call({ channel: name, input: payload, token });
          ctx.log(`${name} ${JSON.stringify(payload)?.slice(0, 200)} → ${JSON.stringify(outcome.result).slice(0, 200)}`);
          expectTypedError(outcome.result);
          outcomes.set(outcome.result.ok ? 'ok' : outcome.result.error.code, (outcomes.get(outcome.result.ok ? 'ok' : outcome.result.error.code) ?? 0) + 1);
          if (!outcome.result.ok) {
            expect(snapshot(keel, { skipAudit: true, skip: guesses ? ['users'] : [] })).toEqual(before);
            for (const row of auditRows(keel).slice(auditBefore)) {
              expect(row.outcome, JSON.stringify(row)).toBe('failed');
              if (row.kind !== 'refused') expect(guesses, JSON.stringify(row)).toBe(true);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('random channel names and bodies only ever get typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), json, async (name, payload) => {
        const outcome = await keel.router.call({ channel: name, input: payload, token: tokens.manager ?? null });
        expectTypedError(outcome.result);
      }),
      { numRuns: 200 },
    );
  });

  it('reached past input validation: some calls succeeded and some were refused for session or role', () => {
    const seen = Object.fromEntries(outcomes);
    for (const code of ['ok', 'unauthenticated', 'forbidden', 'invalid_input']) expect(seen[code] ?? 0, JSON.stringify(seen)).toBeGreaterThan(0);
  });

  afterAll(() => {
    expect(keel.app.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
