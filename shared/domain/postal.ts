/**
 * Countries a clinic can be in, for checking postal codes as that country
 * writes them and naming the address fields its way. The United States is the
 * default; "Other" checks nothing.
 */
export const COUNTRIES = [
  { code: 'US', name: 'United States', postal: 'ZIP code', region: 'State', pattern: /^\d{5}(-\d{4})?$/, example: '02139 or 02139-4307', rule: 'five digits' },
  { code: 'CA', name: 'Canada', postal: 'Postal code', region: 'Province', pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: 'K1A 0B1', rule: 'letter, digit, letter, digit, letter, digit' },
  { code: 'GB', name: 'United Kingdom', postal: 'Postcode', region: 'County', pattern: /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i, example: 'SW1A 1AA', rule: 'letters and digits in two parts' },
  { code: 'IE', name: 'Ireland', postal: 'Eircode', region: 'County', pattern: /^[AC-FHKNPRTV-Y]\d[\dW] ?[\dAC-FHKNPRTV-Y]{4}$/i, example: 'D02 X285', rule: 'seven letters and digits' },
  { code: 'AU', name: 'Australia', postal: 'Postcode', region: 'State', pattern: /^\d{4}$/, example: '2000', rule: 'four digits' },
  { code: 'NZ', name: 'New Zealand', postal: 'Postcode', region: 'Region', pattern: /^\d{4}$/, example: '6011', rule: 'four digits' },
  { code: 'OTHER', name: 'Another country', postal: 'Postal code', region: 'State or region', pattern: null, example: '', rule: '' },
] as const;

export type CountryCode = (typeof COUNTRIES)[number]['code'];
export const COUNTRY_CODES = COUNTRIES.map((c) => c.code) as [CountryCode, ...CountryCode[]];
export const DEFAULT_COUNTRY: CountryCode = 'US';

export function countryOf(code: string | undefined): (typeof COUNTRIES)[number] {
  return COUNTRIES.find((c) => c.code === code) ?? COUNTRIES[0];
}

/** What is wrong with a postal code in the clinic's country, in words; null when it is fine or empty. */
export function postalCodeProblem(postalCode: string, country: string | undefined): string | null {
  const c = countryOf(country);
  const code = postalCode.trim();
  if (!code || !c.pattern || c.pattern.test(code)) return null;
  const name = c.postal === 'ZIP code' || c.postal === 'Eircode' ? c.postal : c.postal.toLowerCase();
  const where = c.code === 'US' ? 'the United States' : c.code === 'GB' ? 'the United Kingdom' : c.name;
  return `Check the ${name}: in ${where} it is ${c.rule}, like ${c.example}`;
}
