/**
 * The platform Redis client fails fast when disconnected, but a Redis that accepts the connection
 * and stops answering (overloaded, frozen, partitioned) would hang a request: every gateway call
 * to Redis gets a budget, and its caller decides what running out means (ADR 0011).
 */
export class RedisBudgetExceeded extends Error {
  constructor(ms: number) {
    super(`redis did not answer within ${ms} ms`);
  }
}

export async function withinBudget<T>(operation: Promise<T>, ms = 250): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([operation, new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new RedisBudgetExceeded(ms)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
