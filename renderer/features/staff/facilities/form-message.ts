import type { FieldErrors } from '../../../app/forms';

/**
 * The line to show under a form. A field error is already shown beside its field,
 * so the summary stays plain instead of repeating "servicedOn: …".
 */
export function formSummary(form: { errors: FieldErrors; message: string | null }): string | null {
  if (!form.message) return null;
  return Object.keys(form.errors).length > 0 ? 'Please correct the highlighted fields.' : form.message;
}

/** Once a field with an error is changed, its error goes (and the summary with the last one). */
export function clearError(form: { errors: FieldErrors; setErrors: (errors: FieldErrors) => void; setMessage: (message: string | null) => void }, path: string): void {
  if (!(path in form.errors)) return;
  const rest = { ...form.errors };
  delete rest[path];
  form.setErrors(rest);
  if (Object.keys(rest).length === 0) form.setMessage(null);
}
