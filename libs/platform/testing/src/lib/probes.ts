/** Polls `probe` until `done` accepts its value or the time is up; returns the last value either way. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}

/** Polls `probe` until `done` accepts its value; past the time it fails, naming `what` and the last value seen. */
export async function waitFor<T, S extends T>(probe: () => Promise<T>, done: (value: T) => value is S, timeoutMs?: number, what?: string): Promise<S>;
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs?: number, what?: string): Promise<T>;
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const last = await eventually(probe, done, timeoutMs);
  if (!done(last)) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
  return last;
}

/**
 * A Prometheus metric scraped from a running app's /metrics: the sum of the samples of `name`
 * whose labels include all of `labels`, or undefined when there is no such sample (a labelled
 * counter appears only once it was first incremented).
 */
export async function metricValue(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  const samples = text
    .split('\n')
    .filter((line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && wanted.every((pair) => line.includes(pair)));
  return samples.length === 0 ? undefined : samples.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
