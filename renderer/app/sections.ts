import { CalendarDays, ClipboardCheck, HandCoins, Home, PiggyBank, Settings, Users, UserRound, type LucideIcon } from 'lucide-react';
import type { Permission } from '../../shared/domain/permissions';

export interface Section {
  path: string;
  label: string;
  icon: LucideIcon;
  /** Hidden from roles without this permission; the main process enforces it regardless. */
  needs?: Permission;
  /** For sections not built yet: what they will hold. */
  upcoming?: string[];
}

export const SECTIONS: readonly Section[] = [
  { path: '/today', label: 'Today', icon: Home },
  { path: '/schedule', label: 'Schedule', icon: CalendarDays },
  { path: '/patients', label: 'Patients', icon: UserRound },
  { path: '/staff', label: 'Staff', icon: Users },
  {
    path: '/budget',
    label: 'Budget',
    icon: PiggyBank,
    upcoming: ['A yearly plan per category and month', 'Actuals beside the plan, variance per month and year to date'],
  },
  {
    path: '/billing',
    label: 'Billing',
    icon: HandCoins,
    upcoming: ['Fee schedule and charges with procedure and diagnosis codes', 'Payments, balances and A/R aging (0–30, 31–60, 61–90, over 90 days)'],
  },
  {
    path: '/compliance',
    label: 'Compliance',
    icon: ClipboardCheck,
    upcoming: ['Recurring checklists: HIPAA, OSHA, vaccine fridge logs, fire extinguishers, eyewash', 'Evidence of who checked what and when, never edited afterwards'],
  },
  { path: '/settings', label: 'Settings', icon: Settings, needs: 'clinic.manage' },
];
