import { describe, expect, it } from 'vitest';
import { phoneNumber, phoneProblem } from '../../shared/contract/fields';
import { postalCodeProblem } from '../../shared/domain/postal';

describe('phone numbers', () => {
  it('says letters are not allowed, and takes digits in any format with an extension', () => {
    expect(phoneProblem('555-CALL-NOW')).toBe('Letters are not allowed in a phone number: type its digits, like (555) 123-4567 (an extension as x 12)');
    expect(phoneProblem('(555) 123-4567')).toBeNull();
    expect(phoneProblem('+1 555 123 4567')).toBeNull();
    expect(phoneProblem('555.123.4567 x 12')).toBeNull();
    expect(phoneProblem('555-123-4567 ext. 204')).toBeNull();
    expect(phoneProblem('555-12')).toBe('A phone number needs at least 7 digits');
    expect(phoneProblem('555#1234567')).toBe('Use only digits, spaces and ( ) + - . in a phone number');
    expect(phoneProblem('')).toBeNull();
    expect(phoneNumber().safeParse('555-CALL-NOW').success).toBe(false);
    expect(phoneNumber().safeParse(' (555) 123-4567 ').data).toBe('(555) 123-4567');
  });
});

describe('postal codes in the clinic’s country', () => {
  it('checks a US ZIP code and says how one is written', () => {
    expect(postalCodeProblem('02139', 'US')).toBeNull();
    expect(postalCodeProblem('02139-4307', 'US')).toBeNull();
    expect(postalCodeProblem('2139', 'US')).toBe('Check the ZIP code: in the United States it is five digits, like 02139 or 02139-4307');
    expect(postalCodeProblem('K1A 0B1', undefined)).not.toBeNull();
    expect(postalCodeProblem('', 'US')).toBeNull();
  });

  it('checks other countries their own way, and nothing for another country', () => {
    expect(postalCodeProblem('K1A 0B1', 'CA')).toBeNull();
    expect(postalCodeProblem('k1a0b1', 'CA')).toBeNull();
    expect(postalCodeProblem('02139', 'CA')).toBe('Check the postal code: in Canada it is letter, digit, letter, digit, letter, digit, like K1A 0B1');
    expect(postalCodeProblem('SW1A 1AA', 'GB')).toBeNull();
    expect(postalCodeProblem('D02 X285', 'IE')).toBeNull();
    expect(postalCodeProblem('2000', 'AU')).toBeNull();
    expect(postalCodeProblem('anything 42', 'OTHER')).toBeNull();
  });
});
