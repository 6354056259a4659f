import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A warning or question that must be seen: when it appears it is scrolled into
 * view and takes the keyboard focus, so a screen reader reads it and the next
 * Tab reaches its buttons. Give it a new `key` to bring it forward again.
 */
export function Revealed({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.scrollIntoView({ block: 'nearest' });
    element.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={ref} tabIndex={-1} role="group" aria-label={label} className={['revealed', className].filter(Boolean).join(' ')}>
      {children}
    </div>
  );
}

/** Moves to the first field marked invalid inside `root` (after a refused save); false when there is none. */
export function revealFirstInvalid(root: HTMLElement | null): boolean {
  const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!field) return false;
  field.scrollIntoView({ block: 'center' });
  field.focus({ preventScroll: true });
  return true;
}
