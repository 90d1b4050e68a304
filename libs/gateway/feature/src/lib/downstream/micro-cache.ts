import type { DownstreamResponse } from './downstream-client';

const MAX_ENTRIES = 1_000;

/**
 * A per-replica, very short-lived cache of public catalog reads (published roadmaps change only on
 * publish). It absorbs bursts of identical reads — one call to the catalog per path per TTL, with
 * concurrent misses sharing that call — at the cost of serving a publish up to `ttlMs` late.
 * Only 200 answers are kept; errors always go to the service.
 */
export class MicroCache {
  private readonly entries = new Map<string, { response: DownstreamResponse; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<DownstreamResponse>>();

  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<DownstreamResponse>): Promise<DownstreamResponse> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.response;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const loading = load().finally(() => this.pending.delete(key));
    this.pending.set(key, loading);
    const response = await loading;
    if (response.status === 200) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { response, expiresAt: Date.now() + this.ttlMs });
    }
    return response;
  }
}
