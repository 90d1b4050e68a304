import { PrerequisiteCycle } from './catalog.errors';

/** `from` requires `to`: learn `to` first. A plain edge list, kept apart from any drawing of the graph. */
export interface PrerequisiteEdge<T extends string = string> {
  readonly from: T;
  readonly to: T;
}

/**
 * The first cycle found, as a closed path in which each node requires the next
 * (`[a, b, c, a]` for a→b→c→a), or `undefined` when the graph is acyclic.
 * Nodes are visited in first-seen order, so the answer is deterministic.
 */
export function findCycle<T extends string>(edges: readonly PrerequisiteEdge<T>[]): T[] | undefined {
  const requires = adjacency(edges);
  const finished = new Set<T>();
  const path: T[] = [];

  const visit = (node: T): T[] | undefined => {
    if (finished.has(node)) return undefined;
    const onPath = path.indexOf(node);
    if (onPath >= 0) return [...path.slice(onPath), node];
    path.push(node);
    for (const next of requires.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    finished.add(node);
    return undefined;
  };

  for (const node of requires.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Every node after everything it requires. Among nodes that are ready, the one seen first
 * (in `nodes`, then in `edges`) comes first, so an editor's stage order is kept where it can be.
 */
export function topologicalOrder<T extends string>(edges: readonly PrerequisiteEdge<T>[], nodes: readonly T[] = []): T[] {
  const cycle = findCycle(edges);
  if (cycle) throw new PrerequisiteCycle(cycle);

  const requires = adjacency(edges);
  const pending = new Set<T>([...nodes, ...edges.flatMap((edge) => [edge.from, edge.to])]);
  const order: T[] = [];
  while (pending.size > 0) {
    for (const node of pending) {
      if ((requires.get(node) ?? []).every((required) => !pending.has(required))) {
        order.push(node);
        pending.delete(node);
        break;
      }
    }
  }
  return order;
}

function adjacency<T extends string>(edges: readonly PrerequisiteEdge<T>[]): Map<T, T[]> {
  const requires = new Map<T, T[]>();
  for (const { from, to } of edges) {
    const required = requires.get(from) ?? [];
    required.push(to);
    requires.set(from, required);
    if (!requires.has(to)) requires.set(to, []);
  }
  return requires;
}
