/**
 * One dependency that `/health/ready` verifies with a real protocol round trip (a SQL query,
 * PING, Kafka metadata, Temporal health) — an open port proves nothing.
 */
export interface ReadinessCheck {
  /** Key in the readiness report, e.g. `database`, `redis`, `kafka`, `temporal`. */
  readonly name: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
