import type { Kysely } from 'kysely';
import type { WaitlistEntry } from '../shared/contract/waitlist';
import type { WaitlistUrgency } from '../shared/domain/appointments';
import { patientListName } from '../shared/domain/patients';
import type { DB } from './schema';

export async function listWaitlist(db: Kysely<DB>, status?: WaitlistEntry['status']): Promise<WaitlistEntry[]> {
  let query = db
    .selectFrom('waitlist as w')
    .innerJoin('patients as p', 'p.id', 'w.patient_id')
    .innerJoin('appointment_types as t', 't.id', 'w.type_id')
    .selectAll('w')
    .select(['p.first_name', 'p.last_name', 'p.preferred_name', 'p.mrn', 'p.phone_mobile', 'p.phone_home', 't.name as type_name']);
  if (status) query = query.where('w.status', '=', status);
  const rows = await query.execute();
  const staff = await db.selectFrom('staff').select(['id', 'full_name']).execute();
  const nameOf = new Map(staff.map((s) => [s.id, s.full_name]));
  const urgency = { urgent: 0, soon: 1, routine: 2 } as Record<string, number>;
  return rows
    .map((r): WaitlistEntry => {
      const providerIds = JSON.parse(r.provider_ids) as string[];
      return {
        id: r.id,
        patient: { id: r.patient_id, name: patientListName({ firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name }), mrn: r.mrn, phone: r.phone_mobile || r.phone_home },
        typeId: r.type_id,
        typeName: r.type_name,
        providerIds,
        providerNames: providerIds.map((id) => nameOf.get(id) ?? ''),
        weekdays: JSON.parse(r.weekdays) as number[],
        timeFrom: r.time_from,
        timeTo: r.time_to,
        urgency: r.urgency as WaitlistUrgency,
        note: r.note,
        status: r.status as WaitlistEntry['status'],
        appointmentId: r.appointment_id,
        addedAt: r.created_at,
      };
    })
    .sort((a, b) => (urgency[a.urgency] ?? 3) - (urgency[b.urgency] ?? 3) || (a.addedAt < b.addedAt ? -1 : 1));
}
