/** Patients and concerns: codes, labels and defaults. */

export const SEXES = ['F', 'M', 'X', 'U'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { F: 'Female', M: 'Male', X: 'Another sex', U: 'Unknown' };

export const CONTACT_METHODS = ['', 'mobile', 'home', 'work', 'sms', 'email', 'mail'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_LABELS: Record<ContactMethod, string> = {
  '': 'No preference',
  mobile: 'Mobile phone',
  home: 'Home phone',
  work: 'Work phone',
  sms: 'Text message',
  email: 'Email',
  mail: 'Letter',
};

export const SUBSCRIBER_RELATIONS = ['self', 'spouse', 'parent', 'other'] as const;
export type SubscriberRelation = (typeof SUBSCRIBER_RELATIONS)[number];
export const SUBSCRIBER_LABELS: Record<SubscriberRelation, string> = { self: 'The patient', spouse: 'Spouse or partner', parent: 'Parent or guardian', other: 'Someone else' };

export const CONCERN_CATEGORIES = ['wait_time', 'billing', 'staff_conduct', 'clinical_care', 'facility', 'privacy', 'scheduling', 'other'] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];
export const CONCERN_CATEGORY_LABELS: Record<ConcernCategory, string> = {
  wait_time: 'Wait time',
  billing: 'Billing',
  staff_conduct: 'Staff conduct',
  clinical_care: 'Clinical care',
  facility: 'Facility',
  privacy: 'Privacy',
  scheduling: 'Scheduling',
  other: 'Other',
};

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** open → in progress → resolved → closed; a concern can be reopened until it is closed. */
export const CONCERN_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = { open: 'Open', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed' };

/** The moves allowed from each status. */
export const CONCERN_MOVES: Record<ConcernStatus, readonly ConcernStatus[]> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['open', 'resolved'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export const DEFAULT_CONCERN_TARGET_DAYS = 30;

/** The oldest date of birth Keel accepts. */
export const EARLIEST_DOB = '1900-01-01';
export const MAX_IMPORT_ROWS = 100_000;

/** "Ann Marie Smith" with the preferred name: "Smith, Ann (Annie)". */
export function patientListName(p: { firstName: string; lastName: string; preferredName: string }): string {
  return `${p.lastName}, ${p.firstName}${p.preferredName && p.preferredName !== p.firstName ? ` (${p.preferredName})` : ''}`;
}
