import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type WheelEvent } from 'react';
import type { Roadmap, RoadmapSkill, SkillStatus } from '../api/types';
import { layoutRoadmap, NODE_HEIGHT, NODE_WIDTH } from './layout';

export const STATUS_LABEL: Record<SkillStatus, string> = {
  pending: 'Not started',
  'in-progress': 'In progress',
  completed: 'Done',
  skipped: 'Skipped',
  known: 'Already known',
};

const MIN_SCALE = 0.3;
const MAX_SCALE = 2.5;

interface Props {
  roadmap: Roadmap;
  statuses: ReadonlyMap<string, SkillStatus>;
  selected: string | undefined;
  onSelect(skillId: string): void;
}

/**
 * The roadmap as a picture: stage bands in order, a node per skill filled by its status and
 * outlined by its priority, and the catalog's prerequisite edges. Zoom with the buttons or
 * Ctrl + wheel (pinch on a touch pad); scroll or swipe to pan. Nodes are buttons: Tab reaches them,
 * Enter or Space opens the skill.
 */
export const RoadmapGraph = memo(function RoadmapGraph({ roadmap, statuses, selected, onSelect }: Props) {
  // Render time of a roadmap's graph: from the start of its layout to the DOM committed at the
  // fitted scale (before the browser paints it). Measured by the browser test against its budget.
  const started = useRef<number | null>(null);
  const placed = useMemo(() => {
    started.current = performance.now();
    const result = layoutRoadmap(roadmap);
    performance.measure('roadmap-graph-layout', { start: started.current, end: performance.now() });
    return result;
  }, [roadmap]);
  const viewport = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState<number | null>(null);

  // The first render fits the graph to the width available (a phone gets the whole picture).
  useLayoutEffect(() => {
    if (scale !== null || !viewport.current) return;
    const available = viewport.current.clientWidth - 8;
    setScale(Math.min(1, Math.max(MIN_SCALE, available / placed.width)));
  }, [placed.width, scale]);

  useLayoutEffect(() => {
    if (scale === null || started.current === null) return;
    performance.measure('roadmap-graph-render', { start: started.current, end: performance.now() });
    started.current = null;
  }, [placed, scale]);

  const zoom = (factor: number) => setScale((value) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, (value ?? 1) * factor)));
  const onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1);
  };
  const current = scale ?? 1;
  const skillsById = useMemo(() => new Map(roadmap.stages.flatMap((stage) => stage.skills.map((skill) => [skill.id, skill] as const))), [roadmap]);

  return (
    <div className="graph">
      <div className="graph-tools" role="group" aria-label="Zoom">
        <button type="button" onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={() => setScale(null)}>
          Fit
        </button>
        <Legend />
      </div>
      <div className="graph-viewport" ref={viewport} onWheel={onWheel}>
        <svg
          width={placed.width * current}
          height={placed.height * current}
          viewBox={`0 0 ${placed.width} ${placed.height}`}
          role="group"
          aria-label={`${roadmap.title}: ${skillsById.size} skills in ${roadmap.stages.length} stages`}
          data-testid="roadmap-graph"
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="edge-head" />
            </marker>
          </defs>
          {placed.stages.map((stage) => (
            <g key={stage.id} className="stage">
              <rect x={2} y={stage.y} width={placed.width - 4} height={stage.height} rx={10} />
              <text x={14} y={stage.y + 22}>
                {stage.number}. {stage.title}
              </text>
            </g>
          ))}
          <g aria-hidden="true">
            {placed.edges.map((edge) => (
              <path key={`${edge.from}>${edge.to}`} d={edge.d} className={`edge${selected === edge.to || selected === edge.from ? ' edge-active' : ''}`} markerEnd="url(#arrow)" />
            ))}
          </g>
          {[...placed.skills.values()].map((position) => {
            const skill = skillsById.get(position.id) as RoadmapSkill;
            return <SkillNode key={skill.id} skill={skill} x={position.x} y={position.y} status={statuses.get(skill.id)} selected={selected === skill.id} onSelect={onSelect} />;
          })}
        </svg>
      </div>
    </div>
  );
});

// Memoised: a zoom or one skill's new status re-renders only the nodes whose props changed.
const SkillNode = memo(function SkillNode({ skill, x, y, status, selected, onSelect }: { skill: RoadmapSkill; x: number; y: number; status: SkillStatus | undefined; selected: boolean; onSelect(id: string): void }) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(skill.id);
    }
  };
  const statusText = status ? STATUS_LABEL[status] : null;
  const lines = wrap(skill.name, 22);
  // No aria-label: the accessible name is the text shown (full name, priority, status), so what a
  // screen reader says and what a voice-control user reads on screen are the same.
  return (
    <g
      className={`node status-${status ?? 'none'} priority-${skill.priority}${selected ? ' selected' : ''}`}
      transform={`translate(${x - NODE_WIDTH / 2},${y - NODE_HEIGHT / 2})`}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      data-skill-id={skill.id}
      data-status={status ?? 'none'}
      onClick={() => onSelect(skill.id)}
      onKeyDown={onKeyDown}
    >
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} />
      <text className="node-name">
        {lines.map((line, index) => (
          <tspan key={index} x={10} y={18 + index * 15}>
            {index < lines.length - 1 ? `${line} ` : line}
          </tspan>
        ))}
      </text>
      <text x={10} y={NODE_HEIGHT - 10} className="node-meta">
        {` ${skill.priority}${statusText ? ` · ${statusText}` : ''}`}
      </text>
    </g>
  );
});

/** Splits a name into lines of at most `width` characters at spaces (at most three lines). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.slice(0, 3);
}

function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {(['pending', 'in-progress', 'completed', 'known', 'skipped'] as const).map((status) => (
        <li key={status}>
          <span className={`swatch status-${status}`} aria-hidden="true" /> {STATUS_LABEL[status]}
        </li>
      ))}
      <li>
        <span className="swatch outline-essential" aria-hidden="true" /> essential
      </li>
      <li>
        <span className="swatch outline-optional" aria-hidden="true" /> optional
      </li>
    </ul>
  );
}
