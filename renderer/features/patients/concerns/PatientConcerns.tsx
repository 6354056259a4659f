/** Being built. */
export function PatientConcerns(_props: { patientId: string; patientName: string }) {
  return null;
}
