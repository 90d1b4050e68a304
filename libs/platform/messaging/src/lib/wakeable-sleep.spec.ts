import { WakeableSleep } from './wakeable-sleep';

describe('WakeableSleep', () => {
  const elapsed = async (pause: Promise<void>): Promise<number> => {
    const started = performance.now();
    await pause;
    return performance.now() - started;
  };

  it('when nothing signals, then the pause lasts its time', async () => {
    expect(await elapsed(new WakeableSleep().sleep(60))).toBeGreaterThanOrEqual(55);
  });

  it('when a signal arrives during the pause, then the pause ends at once', async () => {
    const sleep = new WakeableSleep();
    const pause = sleep.sleep(10_000);
    setTimeout(() => sleep.signal(), 10);
    expect(await elapsed(pause)).toBeLessThan(1_000);
  });

  it('when a signal arrived while the loop was busy, then the next pause returns at once (no lost wake-up)', async () => {
    const sleep = new WakeableSleep();
    sleep.signal();
    expect(await elapsed(sleep.sleep(10_000))).toBeLessThan(1_000);
  });

  it('when the loop clears before looking for work, then earlier signals are forgotten', async () => {
    const sleep = new WakeableSleep();
    sleep.signal();
    sleep.clear();
    expect(await elapsed(sleep.sleep(60))).toBeGreaterThanOrEqual(55);
  });
});
