import { describe, expect, it } from 'vitest';
import { WriteGate } from '../../db/write-gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the write gate between the main connection and a worker transaction', () => {
  it('runs two worker transactions asked for at once one after the other, never together', async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    const transaction = (name: string) =>
      gate.exclusive(async () => {
        log.push(`${name} begins`);
        await tick();
        await tick();
        log.push(`${name} ends`);
      });
    await Promise.all([transaction('first'), transaction('second'), transaction('third')]);
    expect(log).toEqual(['first begins', 'first ends', 'second begins', 'second ends', 'third begins', 'third ends']);
  });

  it('holds main-connection writes back while a worker holds it, and lets a worker in only once the writes under way have ended', async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    expect(gate.tryEnter()).toBe(true); // a write under way on the main connection
    const worker = gate.exclusive(async () => {
      log.push('worker runs');
      expect(gate.tryEnter()).toBe(false);
      await tick();
    });
    await tick();
    expect(log).toEqual([]); // waits for the write to end
    expect(gate.tryEnter()).toBe(false); // and no new one starts meanwhile
    gate.leave();
    await worker;
    expect(log).toEqual(['worker runs']);
    expect(gate.tryEnter()).toBe(true);
    gate.leave();
  });
});
