import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  /** The browser tab's title when it should differ from the heading (e.g. include "Error:"). */
  documentTitle?: string;
  /** A small line above the heading, such as the kind of record. */
  caption?: ReactNode;
  description?: ReactNode;
  /** Buttons or links for the page's main actions. */
  actions?: ReactNode;
}

/** The page's <h1>, its browser-tab title ("… – Lantern") and its main actions. */
export function PageHeader({ title, documentTitle, caption, description, actions }: PageHeaderProps) {
  return (
    <div className="page-header">
      <title>{`${documentTitle ?? title} – Lantern`}</title>
      <div className="page-header__text">
        {caption && <span className="page-header__caption">{caption}</span>}
        <h1 className="page-header__title">{title}</h1>
        {description && <div className="page-header__description">{description}</div>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}

/** Just the browser tab's title, for pages that are still loading. */
export function DocumentTitle({ title }: { title: string }) {
  return <title>{`${title} – Lantern`}</title>;
}
