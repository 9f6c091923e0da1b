import type { ReactNode } from 'react';

/** A success or information message, announced politely by screen readers. */
export function Notice({ children, tone = 'success', title }: { children?: ReactNode; tone?: 'success' | 'info'; title: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role="status">
      <p className="notice__title">{title}</p>
      {children && <div className="notice__body">{children}</div>}
    </div>
  );
}
