import { itDocumentsTheApi } from '@pathwise/platform/testing';
import { PROGRESS_OPENAPI } from './openapi';

describe('progress OpenAPI document', () => {
  itDocumentsTheApi('progress', PROGRESS_OPENAPI, 15);
});
