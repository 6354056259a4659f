import type { FieldErrors } from '../../../app/forms';

/**
 * The line to show under a form. A field error is already shown beside its field,
 * so the summary stays plain instead of repeating "servicedOn: …".
 */
export function formSummary(form: { errors: FieldErrors; message: string | null }): string | null {
  if (!form.message) return null;
  return Object.keys(form.errors).length > 0 ? 'Please correct the highlighted fields.' : form.message;
}
