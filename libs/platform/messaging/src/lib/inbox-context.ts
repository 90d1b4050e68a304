import { BaseRpcContext } from '@nestjs/microservices';
import type { EventEnvelope } from '@pathwise/contracts';
import type { EntityManager } from 'typeorm';

/**
 * What an event handler gets besides the payload (`@Ctx()`): the envelope and the EntityManager
 * of the inbox transaction. Writes made through `manager` commit together with the inbox record.
 */
export class InboxContext extends BaseRpcContext<[EventEnvelope, EntityManager, string]> {
  get envelope(): EventEnvelope {
    return this.args[0];
  }

  get manager(): EntityManager {
    return this.args[1];
  }

  /** The topic the event was published on (for a retried event, the original topic). */
  get topic(): string {
    return this.args[2];
  }
}
