import type { ReactNode } from 'react';

import { ApiError } from '../api/client';

interface StatusMessageProps {
  tone: 'loading' | 'empty' | 'error';
  title: string;
  children?: ReactNode;
}

/** The whole-view message shown while loading, when there is nothing, or on failure. */
export function StatusMessage({ tone, title, children }: StatusMessageProps) {
  return (
    <div
      className={`status status-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      aria-busy={tone === 'loading'}
      data-testid={`status-${tone}`}
    >
      {tone === 'loading' && <span className="spinner" aria-hidden="true" />}
      <h2 className="status-title">{title}</h2>
      {children !== undefined && <div className="status-body">{children}</div>}
    </div>
  );
}

interface ErrorMessageProps {
  error: unknown;
  onRetry: () => void;
}

/** An engine or transport failure, with its stable code and a way to try again. */
export function ErrorMessage({ error, onRetry }: ErrorMessageProps) {
  const code = error instanceof ApiError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : 'Unexpected error.';
  return (
    <StatusMessage tone="error" title="The engine could not answer">
      <p>
        <code className="error-code">{code}</code> {message}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </StatusMessage>
  );
}
