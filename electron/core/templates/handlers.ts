import { listTemplates, saveTemplate } from '../../../db/templates';
import { KeelError } from '../../../shared/contract/index';
import type { templatesContract } from '../../../shared/contract/templates';
import type { HandlersFor } from '../handlers/types';

export const templatesHandlers: HandlersFor<typeof templatesContract> = {
  'templates.list': async (_input, ctx) => listTemplates(ctx.db),

  'templates.save': async (input, ctx) => {
    const exists = input.id !== undefined;
    if (exists && !(await listTemplates(ctx.db)).some((t) => t.id === input.id)) throw new KeelError('not_found', 'That template does not exist.');
    const template = { ...input, id: input.id ?? ctx.app.newId(), weekdays: [...input.weekdays].sort() };
    await saveTemplate(ctx.db, template, exists, ctx.now);
    ctx.audit.targetId = template.id;
    ctx.audit.detail = { name: template.name };
    return template;
  },

};
