import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Short text beside the title, e.g. a row count. */
  aside?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A titled card that holds one part of a view. */
export function Panel({ title, aside, className, testId, children }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-header">
        <h2 className="panel-title">{title}</h2>
        {aside !== undefined && <span className="panel-aside">{aside}</span>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
