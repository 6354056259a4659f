import { getClinic, updateClinic } from '../../../db/clinic';
import type { clinicContract } from '../../../shared/contract/clinic';
import { KeelError } from '../../../shared/contract/index';
import type { HandlersFor } from '../handlers/types';

export const clinicHandlers: HandlersFor<typeof clinicContract> = {
  'clinic.get': async (_input, ctx) => {
    const clinic = await getClinic(ctx.db);
    if (!clinic) throw new KeelError('not_found', 'The clinic has not been set up yet.');
    return clinic;
  },

  'clinic.update': async (input, ctx) => {
    const before = await getClinic(ctx.db);
    if (!before) throw new KeelError('not_found', 'The clinic has not been set up yet.');
    await updateClinic(ctx.db, input, ctx.now);
    ctx.audit.detail = {
      changed: (Object.keys(input) as Array<keyof typeof input>).filter((key) => JSON.stringify(input[key]) !== JSON.stringify(before[key])),
    };
    ctx.afterCommit(() => {
      ctx.app.refreshClinic();
      ctx.app.events.emit('data.changed', { domains: ['clinic'] });
    });
    return (await getClinic(ctx.db))!;
  },
};
