/**
 * The pause of a poll loop (the outbox relay, a projector) that a signal cuts short: a Postgres
 * NOTIFY when new rows commit, or a shutdown. A signal that arrives while the loop is busy is kept,
 * so the next pause returns at once; no wake-up is lost between looking for work and sleeping.
 */
export class WakeableSleep {
  private pending = false;
  private wake?: () => void;

  /** Ends the pause in progress, or the next one when the loop is busy. */
  signal(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Forgets earlier signals; call it just before looking for work. */
  clear(): void {
    this.pending = false;
  }

  sleep(ms: number): Promise<void> {
    if (this.pending) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
