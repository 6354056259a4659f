import { z } from 'zod';
import { contract, CHANNEL_NAMES } from '../../shared/contract/index';

export interface ChannelDescription {
  channel: string;
  permission: string;
  audit: string;
  summary: string;
  input: unknown;
}

/** Every channel with its permission and the JSON Schema of its input, for `GET /api`. */
export function describeChannels(): ChannelDescription[] {
  return CHANNEL_NAMES.map((name) => {
    const spec = contract[name];
    return {
      channel: name,
      permission: spec.access,
      audit: spec.audit,
      summary: spec.summary,
      input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
    };
  });
}
