import { navigate } from '../../../app/route';
import { PatientForm } from './PatientForm';

/** Register a new patient, then open their record. */
export function NewPatientPage() {
  return <PatientForm patient={null} onCancel={() => navigate('/patients')} onSaved={(p) => navigate(`/patients/record/${p.id}`)} />;
}
