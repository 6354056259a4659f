import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  busy?: boolean;
  icon?: ReactNode;
  /** React 19 passes refs as props: lets a dialog move focus to a button. */
  ref?: Ref<HTMLButtonElement>;
}

/** The one button. `busy` disables it and says so to screen readers. */
export function Button({ variant = 'secondary', busy = false, icon, children, className, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={['btn', `btn-${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner spinner-small" aria-hidden="true" /> : icon}
      {children}
    </button>
  );
}
