import type { ReactNode } from 'react';

/** An error or notice that screen readers announce. */
export function Alert({ tone = 'error', title, children }: { tone?: 'error' | 'info' | 'success' | 'warning'; title?: string; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong className="alert-title">{title}</strong>}
      <div>{children}</div>
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A failed load, with the one way to try again. Renders nothing without an error. */
export function LoadError({ error, onRetry, title }: { error: string | null | undefined; onRetry: () => void; title?: string }) {
  if (!error) return null;
  return (
    <Alert {...(title ? { title } : {})}>
      {error}{' '}
      <button type="button" className="btn btn-ghost" onClick={onRetry}>
        Try again
      </button>
    </Alert>
  );
}
