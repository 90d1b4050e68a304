import * as domain from '@pathwise/catalog/domain';
import * as contracts from '@pathwise/contracts';

/**
 * The contracts lib may not import the catalog domain, so it spells the catalog's value lists
 * itself (for the HTTP requests and the events). Both must stay equal, order included.
 */
describe('catalog value lists', () => {
  it.each(['ROADMAP_KINDS', 'SKILL_PRIORITIES', 'RESOURCE_TYPES', 'SIGNAL_LEVELS'] as const)('when %s of the domain and of the contracts are compared, then they are the same list', (name) => {
    expect(contracts[name]).toEqual(domain[name]);
  });
});
