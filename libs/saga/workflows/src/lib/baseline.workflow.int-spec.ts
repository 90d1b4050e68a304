import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { baselineWorkflow } from '../index';

describe('Temporal: a worker runs a workflow on the local server', () => {
  it('when the baseline workflow is started, then a bundled worker completes it and the history records it', async () => {
    const address = process.env['TEMPORAL_ADDRESS'] as string;
    const namespace = process.env['TEMPORAL_NAMESPACE'] ?? 'default';
    const taskQueue = `smoke-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace });
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve('../index'),
    });

    try {
      const workflowId = `smoke-${randomUUID()}`;
      const result = await worker.runUntil(
        client.workflow.execute(baselineWorkflow, { taskQueue, workflowId, args: [{ echo: 'hello' }] }),
      );

      expect(result).toEqual({ echo: 'hello' });
      const description = await client.workflow.getHandle(workflowId).describe();
      expect(description.status.name).toBe('COMPLETED');
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });
});
