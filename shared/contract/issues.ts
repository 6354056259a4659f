import type { z } from 'zod';
import type { FieldIssue } from './errors';

/** Turns zod's issues into field-named, plain messages. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'Unknown field' }));
    }
    if (issue.code === 'invalid_type' && path === '') return [{ path: '', message: 'Expected a JSON object' }];
    return [{ path, message: issue.message.replace(/^Invalid input: expected (\w+), received undefined$/, 'Required') }];
  });
}
