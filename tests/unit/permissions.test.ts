import { describe, expect, it } from 'vitest';
import { allHandlers } from '../../electron/core/handlers/index';
import { CHANNEL_NAMES, contract } from '../../shared/contract/index';
import { PERMISSION_MATRIX, roleHas, ROLES, type Permission } from '../../shared/domain/permissions';

describe('the permissions matrix', () => {
  it('gives the manager everything and each other role only what it needs', () => {
    const held = Object.fromEntries(ROLES.map((role) => [role, (Object.keys(PERMISSION_MATRIX) as Permission[]).filter((p) => roleHas(role, p)).sort()]));
    expect(held.manager).toEqual((Object.keys(PERMISSION_MATRIX) as Permission[]).sort());
    expect(held).toEqual({
      manager: held.manager,
      receptionist: ['account.self', 'clinic.view', 'concerns.manage', 'concerns.view', 'patients.edit', 'patients.insurance', 'patients.view', 'roster.view', 'rooms.manage', 'rooms.view', 'equipment.manage', 'equipment.view', 'schedule.manage', 'schedule.status', 'schedule.view', 'staff.self', 'staff.view', 'timeoff.request'].sort(),
      provider: ['account.self', 'clinic.view', 'patients.view', 'roster.view', 'rooms.view', 'equipment.view', 'schedule.status', 'schedule.view', 'staff.self', 'timeoff.request'].sort(),
      billing: ['account.self', 'clinic.view', 'patients.insurance', 'patients.view', 'schedule.view', 'staff.self', 'timeoff.request'].sort(),
    });
  });

  it('is what every channel asks for: a known permission, or public for sign-in and first launch only', () => {
    for (const name of CHANNEL_NAMES) {
      const access = contract[name].access;
      if (access === 'public') expect(['auth.login', 'setup.status', 'setup.createClinic', 'setup.createDemo']).toContain(name);
      else expect(Object.keys(PERMISSION_MATRIX)).toContain(access);
    }
  });

  it('guards each channel with a permission named for what it guards: its own domain, or a reviewed exception', () => {
    // A channel borrowing another domain's permission (concerns.setTarget once needed patients.merge)
    // changes who may use it whenever that other permission changes. Each exception says why it is right.
    const reviewed: Record<string, string> = {
      'auth.login': 'public', // signing in needs no session
      'auth.*': 'account.self', // one's own account
      'setup.*': 'public', // first launch, before any account exists
      'staff.get': 'staff.self', // one's own record; the handler lets staff.view see anyone
      'staff.me': 'staff.self',
      'staffSettings.*': 'staff.manage', // the credentials each role needs are part of managing staff
      'credentials.*': 'staff.*', // a person's credentials belong to their staff record
      'attachments.get': 'staff.self', // credential scans, one's own or the manager's
      'positions.*': 'hiring.manage',
      'candidates.*': 'hiring.manage',
      'roster.labour': 'labour.view', // pay is more private than the roster
      'templates.*': 'roster.*',
      'coverage.*': 'roster.*',
      'timeoff.list': 'roster.view', // time off is shown on the roster
      'appointmentTypes.*': 'schedule.*',
      'appointments.*': 'schedule.*',
      'scheduleSettings.*': 'schedule.*',
      'waitlist.*': 'schedule.*',
      'reminders.*': 'schedule.manage', // reminder calls are part of working the schedule, like booking
      'bookingRisks.*': 'schedule.manage', // the appointments a provider cannot keep, and the call list to move them: the front desk's rescheduling work
      'closures.*': 'schedule.*', // closure days are scheduling settings: everyone on the schedule sees them, the manager sets them
      'scheduleReports.*': 'schedule.*', // the schedule reports' own reads
    };
    const matches = (pattern: string, value: string) => (pattern.endsWith('.*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern);
    const wrong: string[] = [];
    for (const name of CHANNEL_NAMES) {
      const access = String(contract[name].access);
      const domain = name.split('.')[0]!;
      if (access.split('.')[0] === domain) continue;
      const rule = Object.entries(reviewed).find(([channel]) => matches(channel, name));
      if (!rule || !matches(rule[1], access)) wrong.push(`${name} → ${access}`);
    }
    expect(wrong).toEqual([]);
    expect(contract['concerns.setTarget'].access).toBe('concerns.settings');
    expect(ROLES.filter((r) => roleHas(r, 'concerns.settings'))).toEqual(['manager']);
  });

  it('keeps accounts, the clinic profile, pay, evaluations and candidates to the manager', () => {
    for (const name of ['users.list', 'users.create', 'users.update', 'clinic.update', 'staff.create', 'staff.update', 'roster.labour', 'evaluations.list', 'evaluations.due', 'candidates.list', 'positions.list', 'timeoff.decide', 'patients.merge', 'patients.export', 'patients.importRun', 'appointmentTypes.save', 'scheduleSettings.update', 'appointments.report', 'closures.add', 'closures.remove', 'scheduleReports.get'] as const) {
      const access = contract[name].access as Permission;
      expect(ROLES.filter((r) => roleHas(r, access))).toEqual(['manager']);
    }
  });
});

describe('the contract', () => {
  it('has exactly one handler per channel', () => {
    expect(Object.keys(allHandlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('names channels domain.verb and audits every channel that changes data', () => {
    for (const name of CHANNEL_NAMES) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/);
      const spec = contract[name];
      const reads = ['list', 'get', 'me', 'status', 'week', 'checkShift', 'availability', 'labour', 'today', 'gaps', 'due', 'expiring', 'overdue', 'importPreview', 'settings', 'check', 'previewSeries', 'findOpenSlots', 'report', 'forPatient', 'frame'].some((verb) => name.endsWith(`.${verb}`));
      if (!reads) expect(spec.audit, name).not.toBe('none');
    }
  });

  it('accepts each channel’s own example and refuses unknown keys in it', () => {
    for (const name of CHANNEL_NAMES) {
      const spec = contract[name];
      expect(spec.input.safeParse(spec.example).success, name).toBe(true);
      expect(spec.input.safeParse({ ...(spec.example as object), notAField: 1 }).success, name).toBe(false);
    }
  });
});
