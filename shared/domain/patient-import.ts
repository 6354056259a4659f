import type { PatientDetails } from '../contract/patients';

export { MAX_IMPORT_ROWS } from './patients';

/** Empty details, the starting point for a new patient or an imported row. */
export const PATIENT_EXAMPLE_BLANK: PatientDetails = {
  firstName: '',
  middleName: '',
  lastName: '',
  preferredName: '',
  dob: '',
  sex: 'U',
  pronouns: '',
  phones: { mobile: '', home: '', work: '' },
  email: '',
  address: { line1: '', line2: '', city: '', region: '', postalCode: '' },
  preferredContact: '',
  emergency: { name: '', phone: '', relation: '' },
  insurance: { payer: '', memberId: '', group: '', subscriberRelation: 'self', subscriberName: '', subscriberDob: '' },
  notes: '',
  flags: { interpreterLanguage: '', mobilityAssistance: false, other: '' },
};
