import type { DateOrder } from '../contract/clinic';
import { readTypedDate } from './typed-date';

/**
 * Patient search, pure: how names, phones, dates of birth and record numbers
 * become search terms, and how what the front desk types becomes a query.
 * Terms live in an indexed table and are matched by prefix, which stays fast
 * with any number of patients and works the same on PostgreSQL.
 */

const FOLD: Record<string, string> = { đ: 'd', ð: 'd', ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th' };

/** Lower case, accents and special letters folded: "Nguyễn" → "nguyen", "Łukasz" → "lukasz". */
export function foldText(text: string): string {
  // Most names are plain ASCII, which folds to itself in lower case (this runs for every result row).
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đðøłßæœıþ]/g, (c) => FOLD[c] ?? c);
}

/**
 * The search words of a name. Apostrophes join ("O'Brien" → "obrien"); hyphens
 * and spaces separate, and a hyphenated name is also kept whole ("Smith-Jones" →
 * "smith", "jones", "smithjones").
 */
export function nameWords(name: string): string[] {
  const folded = foldText(name).replace(/['’`´]/g, '');
  // The same letters and digits, found faster when the name is plain ASCII.
  const notWordChar = /^[\x20-\x7e]*$/.test(folded) ? /[^a-z0-9-]/g : /[^\p{L}\p{N}-]/gu;
  const words = new Set<string>();
  for (const part of folded.split(/[\s,.;/()]+/)) {
    const clean = part.replace(notWordChar, '');
    if (!clean) continue;
    const pieces = clean.split('-').filter(Boolean);
    for (const piece of pieces) words.add(piece);
    if (pieces.length > 1) words.add(pieces.join(''));
  }
  return [...words];
}

export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // A US number written with its country code: keep the 10 national digits.
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

export interface SearchablePatient {
  mrn: string;
  firstName: string;
  middleName: string;
  lastName: string;
  preferredName: string;
  dob: string;
  phones: string[];
}

/** The terms one phone number is found by: all its digits, the last seven, the last four. */
function phoneTerms(phone: string): string[] {
  const digits = phoneDigits(phone);
  if (digits.length < 4) return [];
  return [`p:${digits}`, ...(digits.length > 7 ? [`p:${digits.slice(-7)}`] : []), `q:${digits.slice(-4)}`];
}

/**
 * Every term a patient is found by. Name words are bare; other kinds carry a
 * prefix. `previousNames` (names the record had before a change, e.g. a
 * maiden name) stay searchable.
 */
export function patientTerms(p: SearchablePatient & { previousNames?: readonly string[] }): string[] {
  const terms = new Set<string>();
  for (const name of [p.firstName, p.middleName, p.lastName, p.preferredName, ...(p.previousNames ?? [])]) for (const word of nameWords(name)) terms.add(word);
  for (const phone of p.phones) for (const term of phoneTerms(phone)) terms.add(term);
  terms.add(`d:${p.dob}`);
  terms.add(`m:${p.mrn.toLowerCase()}`);
  return [...terms];
}

/** Which part of a record a typed word matched, in the order they are tried. */
export type MatchField = 'lastName' | 'firstName' | 'preferredName' | 'middleName' | 'mobilePhone' | 'homePhone' | 'workPhone' | 'dob' | 'mrn' | 'previousName';

export interface MatchReason {
  field: MatchField;
  /** The matched value as the record holds it (the middle name, the phone number, the previous name…). */
  value: string;
}

/**
 * Why a patient matched what was typed: for each typed word, the first part of
 * the record it matches, once per part. A word matched by nothing on the
 * record now matched a previous name (from `previousNames`); `complete` says
 * whether every word was explained.
 */
export function whyMatched(
  groups: readonly TokenGroup[],
  p: { firstName: string; middleName: string; lastName: string; preferredName: string; dob: string; mrn: string; phones: { mobile: string; home: string; work: string }; previousNames: readonly string[] },
): { reasons: MatchReason[]; complete: boolean } {
  // Each part's terms are worked out only when a typed word of its kind gets that far (this runs for every result row).
  const part = (field: MatchField, value: string, kind: 'name' | 'other', termsOf: () => string[]) => {
    let terms: string[] | null = null;
    return { field, value, kind, terms: () => (terms ??= termsOf()) };
  };
  const parts = [
    part('lastName', p.lastName, 'name', () => nameWords(p.lastName)),
    part('firstName', p.firstName, 'name', () => nameWords(p.firstName)),
    part('preferredName', p.preferredName, 'name', () => nameWords(p.preferredName)),
    part('middleName', p.middleName, 'name', () => nameWords(p.middleName)),
    part('mobilePhone', p.phones.mobile, 'other', () => phoneTerms(p.phones.mobile)),
    part('homePhone', p.phones.home, 'other', () => phoneTerms(p.phones.home)),
    part('workPhone', p.phones.work, 'other', () => phoneTerms(p.phones.work)),
    part('dob', p.dob, 'other', () => [`d:${p.dob}`]),
    part('mrn', p.mrn, 'other', () => [`m:${p.mrn.toLowerCase()}`]),
    ...p.previousNames.map((name) => part('previousName', name, 'name', () => nameWords(name))),
  ];
  const reasons: MatchReason[] = [];
  let complete = true;
  for (const group of groups) {
    const found = parts.find((candidate) =>
      group.some((token) => (token.kind === 'name') === (candidate.kind === 'name') && candidate.value !== '' && candidate.terms().some((term) => tokenMatches(token, term))),
    );
    if (!found) complete = false;
    else if (!reasons.some((r) => r.field === found.field && r.value === found.value)) reasons.push({ field: found.field, value: found.value });
  }
  return { reasons, complete };
}

/** One thing the person typed, as the range of terms it matches. */
export interface SearchToken {
  kind: 'name' | 'phone' | 'last4' | 'dob' | 'mrn';
  /** Matches terms from `from` (inclusive) … */
  from: string;
  /** … up to `to` (exclusive). An exact match has to = from + '\u0000'. */
  to: string;
  text: string;
}

/** Tokens for one typed word; a group matches when any of its tokens does. */
export type TokenGroup = SearchToken[];

const prefixRange = (kind: SearchToken['kind'], prefix: string, text: string): SearchToken => ({ kind, from: prefix, to: `${prefix}\uffff`, text });
const exact = (kind: SearchToken['kind'], term: string, text: string): SearchToken => ({ kind, from: term, to: `${term}\u0000`, text });

/**
 * A date of birth as typed, with its year: 1980-03-07; 03/07/1980 or 3/7/80 in
 * the clinic's order (month first in the US, day first elsewhere); 7.3.1980 with
 * dots is day first. A two-digit year is the latest that is not after `today`
 * (7/14/81 is 1981, 7/14/20 is 2020). Null for anything else.
 */
export function parseTypedDate(text: string, order: DateOrder, today: string = new Date().toISOString().slice(0, 10)): string | null {
  // Only a whole date with separators: bare digits are phone numbers and record numbers.
  if (!/^\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(text)) return null;
  // A four-digit year is read as written, even in the future (it matches no one; the import says so).
  const read = readTypedDate(text, order, today, /^\d{4}[-/.]|[-/.]\d{4}$/.test(text) ? 'day' : 'birth');
  return read.ok ? read.date : null;
}

/**
 * What the front desk typed, as groups of tokens that must all match: any part
 * of a name in any order, phone digits in any format (or the last four), a date
 * of birth, a record number.
 */
export function parseSearch(query: string, order: DateOrder, today?: string): TokenGroup[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  // A phone number read out loud, typed with its punctuation: "(555) 123-4567".
  if (!/\p{L}/u.test(trimmed) && /^[\d\s()+.-]+$/.test(trimmed) && parseTypedDate(trimmed, order, today) === null) {
    const digits = phoneDigits(trimmed);
    if (digits.length >= 4) return [digitGroup(digits)];
  }
  const groups: TokenGroup[] = [];
  for (const word of trimmed.split(/\s+/)) {
    const date = parseTypedDate(word, order, today);
    if (date) {
      groups.push([exact('dob', `d:${date}`, word)]);
      continue;
    }
    if (/^\d+$/.test(word)) {
      groups.push(digitGroup(word));
      continue;
    }
    if (/^[a-z]{1,3}\d+$/i.test(word)) {
      groups.push([prefixRange('mrn', `m:${word.toLowerCase()}`, word)]);
      continue;
    }
    // Apostrophes join, hyphens split: "o'brien" finds O'Brien, "smith-jones" finds both halves.
    for (const name of nameWords(word)) groups.push([prefixRange('name', name, word)]);
  }
  return groups;
}

function digitGroup(digits: string): TokenGroup {
  const group: TokenGroup = [prefixRange('mrn', `m:${digits}`, digits)];
  if (digits.length === 4) group.push(exact('last4', `q:${digits}`, digits));
  if (digits.length >= 4) group.push(prefixRange('phone', `p:${digits}`, digits));
  return group;
}

/** Does a term fall in a token's range? */
export function tokenMatches(token: SearchToken, term: string): boolean {
  return term >= token.from && term < token.to;
}

/**
 * How well a patient matches: every group must match one of their terms. Whole
 * words beat prefixes, a surname beats a first name, an exact phone, birth date
 * or record number beats everything. Null when a group does not match.
 */
export function scoreMatch(groups: readonly TokenGroup[], terms: readonly string[], lastNameWords: readonly string[]): number | null {
  let score = 0;
  for (const group of groups) {
    let best = -1;
    for (const token of group) {
      for (const term of terms) {
        if (!tokenMatches(token, term)) continue;
        let points = token.kind === 'name' ? (term === token.from ? 3 : 1) : token.kind === 'last4' ? 4 : term === token.from ? 6 : 2;
        if (token.kind === 'name' && lastNameWords.includes(term)) points += 2;
        if (points > best) best = points;
      }
    }
    if (best < 0) return null;
    score += best;
  }
  return score;
}
