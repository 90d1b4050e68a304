import { WORKFLOW_TRACE_HEADER } from '@pathwise/contracts';
import { TRACE_HEADER } from './trace-context.interceptors';

describe('workflow trace-context interceptors', () => {
  it('when the starter and the activities read the trace header, then the workflow carries it under the same name', () => {
    expect(TRACE_HEADER).toBe(WORKFLOW_TRACE_HEADER);
  });
});
