import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundedRecord, list, optionalText, strictObject, text, unsafeCharacterProblem } from '../../shared/contract/fields';

const MILLION = 1_000_000;
const messagesOf = (result: { success: boolean; error?: z.ZodError }) => result.error?.issues.map((i) => i.message) ?? [];

/** A schema for one entry that counts how often zod looked at an entry. */
function counted() {
  const seen = { entries: 0 };
  return { seen, schema: z.number().refine(() => ++seen.entries > 0) };
}

describe('text that should not be stored', () => {
  const refused: Array<[string, string]> = [
    ['Ann\u0000', 'Contains an invisible control character (U+0000) — retype it'],
    ['\u202Eeno', 'Contains an invisible control character (U+202E) — retype it'],
    ['An\u202An', 'Contains an invisible control character (U+202A) — retype it'],
    ['An\u2066n', 'Contains an invisible control character (U+2066) — retype it'],
    ['An\u2069n', 'Contains an invisible control character (U+2069) — retype it'],
    ['An\u0085n', 'Contains an invisible control character (U+0085) — retype it'],
    ['An\u007Fn', 'Contains an invisible control character (U+007F) — retype it'],
    ['An\u001Bn', 'Contains an invisible control character (U+001B) — retype it'],
    ['Ann\uD800', 'Contains a broken character (U+D800) — retype it'],
    ['\uDC00Ann', 'Contains a broken character (U+DC00) — retype it'],
    ['An\tn', 'Contains an invisible control character (U+0009) — retype it'],
    ['Ann\nSmith', 'Contains a line break; this field takes one line'],
    ['Ann\rSmith', 'Contains a line break; this field takes one line'],
  ];

  it.each(refused)('refuses %j in one-line text, saying which character', (value, message) => {
    expect(messagesOf(text().safeParse(value))).toEqual([message]);
    expect(messagesOf(optionalText().safeParse(value))).toEqual([message]);
  });

  it('allows tab and line breaks in multi-line text only, and never NUL, overrides or broken characters there', () => {
    expect(text(200, { multiline: true }).parse('Line one\r\nLine two\n\tindented')).toBe('Line one\r\nLine two\n\tindented');
    expect(unsafeCharacterProblem('a\u0000b', { multiline: true })).toBe('Contains an invisible control character (U+0000) — retype it');
    expect(unsafeCharacterProblem('a\u202Eb', { multiline: true })).toBe('Contains an invisible control character (U+202E) — retype it');
    expect(unsafeCharacterProblem('a\uDBFFb', { multiline: true })).toBe('Contains a broken character (U+DBFF) — retype it');
  });

  it('keeps what people do type: accents, other scripts, emoji (whole surrogate pairs), the direction marks, and edges trimmed', () => {
    for (const name of ['José Álvarez', 'Nguyễn Thị Minh', 'Øyvind', 'محمد\u200F', 'שרה\u200E Cohen', 'O\u2019Brien', 'Anna 😀', '王小明']) {
      expect(text().parse(name)).toBe(name);
    }
    expect(text().parse('  Ann\n')).toBe('Ann');
  });
});

describe('lists, records and objects are counted before any entry is checked', () => {
  it('refuses a million-element list by its length, without looking at an element', () => {
    const { seen, schema } = counted();
    const result = list(schema, 100, { tooMany: 'Choose at most 100 providers' }).safeParse(new Array(MILLION).fill(1));
    expect(messagesOf(result)).toEqual(['Choose at most 100 providers']);
    expect(seen.entries).toBe(0);
  });

  it('refuses a million-key record by its size, without looking at a key or value', () => {
    const { seen, schema } = counted();
    const keys = { checked: 0 };
    const key = z.string().refine(() => ++keys.checked > 0);
    const big = Object.fromEntries(Array.from({ length: MILLION }, (_, i) => [`k${i}`, 1]));
    const result = boundedRecord(key, schema, 15, 'Give at most 15 ratings').safeParse(big);
    expect(messagesOf(result)).toEqual(['Give at most 15 ratings']);
    expect(seen.entries + keys.checked).toBe(0);
  });

  it('refuses an object with a million unknown fields whole, with one issue, not one per field', () => {
    const big: Record<string, unknown> = Object.fromEntries(Array.from({ length: MILLION }, (_, i) => [`k${i}`, 1]));
    big.name = 'Ann';
    const result = strictObject({ name: text() }).safeParse(big);
    expect(messagesOf(result)).toEqual(['1,000,001 fields given; this takes at most 1']);
  });

  it('still checks normal inputs entry by entry, naming a few unknown fields one by one', () => {
    expect(list(z.number(), 3).parse([1, 2, 3])).toEqual([1, 2, 3]);
    expect(messagesOf(list(z.number(), 3).safeParse([1, 2, 3, 4]))).toEqual(['Give at most 3']);
    expect(messagesOf(list(z.number(), 3, { min: 1, tooFew: 'Give one' }).safeParse([]))).toEqual(['Give one']);
    expect(boundedRecord(z.string(), z.number(), 2).parse({ a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(messagesOf(boundedRecord(z.string(), z.number(), 2).safeParse({ a: 1, b: 'x' }))).toHaveLength(1);
    const unknown = strictObject({ name: text() }).safeParse({ name: 'Ann', x: 1, y: 2 });
    expect(unknown.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['x', 'y'] })]);
    // Not a list or an object at all: the schema's own answer.
    expect(list(z.number(), 3).safeParse('nope').error?.issues[0]?.code).toBe('invalid_type');
  });

  it('says its limits in the JSON Schema of GET /api', () => {
    const schema = z.toJSONSchema(strictObject({ ids: list(z.string(), 7), ratings: boundedRecord(z.string(), z.number(), 15) }), { io: 'input', unrepresentable: 'any' });
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, properties: { ids: { type: 'array', maxItems: 7 }, ratings: { type: 'object', maxProperties: 15 } } });
  });
});
