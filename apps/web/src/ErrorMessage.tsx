import { useEffect, useState } from 'react';
import type { ApiError } from './api/client';

/** A failed action as people can read it: the problem's title and detail, and for 429/503 when to retry. */
export function ErrorMessage({ error }: { error: ApiError | null }) {
  const [left, setLeft] = useState<number | null>(error?.retryAfterSeconds ?? null);
  useEffect(() => {
    setLeft(error?.retryAfterSeconds ?? null);
    if (!error?.retryAfterSeconds) return undefined;
    const timer = setInterval(() => setLeft((value) => (value && value > 1 ? value - 1 : 0)), 1000);
    return () => clearInterval(timer);
  }, [error]);
  if (!error) return null;
  const { title, detail, requestId } = error.problem;
  return (
    <div className="error" role="alert">
      <strong>{title}</strong>
      {detail && <p>{detail}</p>}
      {left !== null && <p>{left > 0 ? `You can try again in ${left} s.` : 'You can try again now.'}</p>}
      {requestId && <p className="muted">Reference: {requestId}</p>}
    </div>
  );
}

export function Progress({ label }: { label: string }) {
  return (
    <p className="progress" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}
