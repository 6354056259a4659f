import { useState } from 'react';
import type { z } from 'zod';
import { issuesFromZod } from '../../shared/contract/issues';
import { ApiFailure, messageOf } from './api';

/** Field path ("manager.password") → message. */
export type FieldErrors = Record<string, string>;

function toFieldErrors(issues: ReadonlyArray<{ path: string; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/**
 * The one form pattern: check the input with the channel's own schema before
 * sending (same messages as the main process), then show the main process's
 * field errors or message if it still refuses.
 */
export function useFormSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit<S extends z.ZodType, T>(schema: S, value: z.input<S>, send: (input: z.input<S>) => Promise<T>): Promise<T | undefined> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      setErrors(toFieldErrors(issuesFromZod(parsed.error)));
      setMessage('Please correct the highlighted fields.');
      return undefined;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      return await send(value);
    } catch (error) {
      if (error instanceof ApiFailure && error.issues.length > 0) setErrors(toFieldErrors(error.issues));
      setMessage(messageOf(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    setErrors({});
    setMessage(null);
  }

  return { errors, message, busy, submit, reset, setMessage, setErrors };
}
