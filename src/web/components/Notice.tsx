import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A success or information message, announced politely by screen readers. A success answers something the user
 * has just done, often from a form far down a long page: it brings itself on screen, so a phone shows it.
 */
export function Notice({ children, tone = 'success', title }: { children?: ReactNode; tone?: 'success' | 'info'; title: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (tone === 'success') ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [tone, title]);
  return (
    <div className={`notice notice--${tone}`} role="status" ref={ref}>
      <p className="notice__title">{title}</p>
      {children && <div className="notice__body">{children}</div>}
    </div>
  );
}
