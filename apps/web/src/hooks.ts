import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api/client';

export interface ActionState {
  pending: boolean;
  error: ApiError | null;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ type: 'about:blank', status: 0, title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) });
}

/**
 * A state-changing action: one run at a time (a double click runs it once), one Idempotency-Key
 * per attempt that is reused when the same attempt is retried after an error, and its progress
 * and error for the screen to show.
 */
export function useAction<A extends unknown[], R>(run: (key: string, ...args: A) => Promise<R>): [(...args: A) => Promise<R | undefined>, ActionState] {
  const [state, setState] = useState<ActionState>({ pending: false, error: null });
  const running = useRef(false);
  const pendingKey = useRef<{ args: string; key: string } | null>(null);
  const trigger = useCallback(
    async (...args: A) => {
      if (running.current) return undefined;
      running.current = true;
      setState({ pending: true, error: null });
      const signature = JSON.stringify(args);
      if (pendingKey.current?.args !== signature) pendingKey.current = { args: signature, key: `"${crypto.randomUUID()}"` };
      try {
        const result = await run(pendingKey.current.key, ...args);
        pendingKey.current = null;
        setState({ pending: false, error: null });
        return result;
      } catch (error) {
        const apiError = asApiError(error);
        // A refused request (4xx other than 408/409/429) will not change on retry: the next try is a new request.
        if (apiError.status >= 400 && apiError.status < 500 && ![408, 409, 429].includes(apiError.status)) pendingKey.current = null;
        setState({ pending: false, error: apiError });
        return undefined;
      } finally {
        running.current = false;
      }
    },
    [run],
  );
  return [trigger, state];
}

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a screen; `deps` say when to load again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((previous) => ({ data: previous.data, error: asApiError(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  return { ...state, reload: useCallback(() => setGeneration((value) => value + 1), []) };
}
