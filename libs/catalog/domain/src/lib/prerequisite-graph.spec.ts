import { findCycle, topologicalOrder, type PrerequisiteEdge } from '../index';
import { domainErrorFrom } from '../testing';

const edges = (...pairs: string[]): PrerequisiteEdge[] =>
  pairs.map((pair) => {
    const [from, to] = pair.split('>');
    return { from, to };
  });

/** True when every node comes after everything it requires. */
const respects = (order: string[], graph: PrerequisiteEdge[]) => graph.every(({ from, to }) => order.indexOf(to) < order.indexOf(from));

describe('prerequisite graph', () => {
  describe('findCycle', () => {
    it.each([
      ['no edges', []],
      ['a chain', edges('c>b', 'b>a')],
      ['a diamond', edges('d>b', 'd>c', 'b>a', 'c>a')],
      ['two separate trees', edges('b>a', 'y>x', 'z>x')],
    ])('when the graph is %s, then there is no cycle', (_, graph) => {
      expect(findCycle(graph)).toBeUndefined();
    });

    it.each([
      ['a self-loop', edges('a>a'), ['a', 'a']],
      ['a direct cycle', edges('a>b', 'b>a'), ['a', 'b', 'a']],
      ['an indirect cycle', edges('a>b', 'b>c', 'c>a'), ['a', 'b', 'c', 'a']],
      ['a cycle behind an acyclic part', edges('a>b', 'b>c', 'c>d', 'd>b'), ['b', 'c', 'd', 'b']],
      ['a cycle in a second component', edges('x>y', 'p>q', 'q>r', 'r>p'), ['p', 'q', 'r', 'p']],
    ])('when the graph has %s, then the cycle comes back as a closed path', (_, graph, cycle) => {
      expect(findCycle(graph)).toEqual(cycle);
    });

    it('when a cycle is found, then each step of the path is an edge of the graph', () => {
      const graph = edges('a>b', 'b>c', 'c>d', 'd>e', 'e>b', 'a>e');
      const cycle = findCycle(graph) ?? [];

      expect(cycle[0]).toBe(cycle[cycle.length - 1]);
      for (let i = 0; i < cycle.length - 1; i++) expect(graph).toContainEqual({ from: cycle[i], to: cycle[i + 1] });
    });

    it('when a long chain is closed at its end, then the cycle spans the whole chain', () => {
      const chain = Array.from({ length: 2000 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` }));

      expect(findCycle(chain)).toBeUndefined();
      expect(findCycle([...chain, { from: 's2000', to: 's0' }])).toHaveLength(2002);
    });
  });

  describe('topologicalOrder', () => {
    it('when skills depend on each other, then each comes after what it requires', () => {
      const graph = edges('rest>http', 'auth>rest', 'auth>http', 'cache>sql', 'scale>cache', 'scale>sql');

      const order = topologicalOrder(graph);

      expect(respects(order, graph)).toBe(true);
      expect(order).toHaveLength(6);
    });

    it('when several skills are ready, then the given order is kept', () => {
      expect(topologicalOrder(edges('b>a'), ['c', 'b', 'a', 'd'])).toEqual(['c', 'a', 'b', 'd']);
      expect(topologicalOrder([], ['z', 'y', 'x'])).toEqual(['z', 'y', 'x']);
    });

    it('when a node is listed and also appears in edges, then it appears once', () => {
      expect(topologicalOrder(edges('b>a', 'c>a'), ['a', 'b', 'c', 'a'])).toEqual(['a', 'b', 'c']);
    });

    it('when the graph has a cycle, then it is refused with the cycle in the details', () => {
      expect(domainErrorFrom(() => topologicalOrder(edges('x>a', 'a>b', 'b>a')))).toMatchObject({
        code: 'CATALOG.PREREQUISITE_CYCLE',
        kind: 'conflict',
        details: { cycle: ['a', 'b', 'a'] },
      });
    });
  });
});
