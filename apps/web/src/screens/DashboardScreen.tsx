import { api, read } from '../api/client';
import type { TimeZone, Dashboard, EnrollmentList, Roadmap, RoadmapPage, Timeline } from '../api/types';
import { ErrorMessage, Progress } from '../ErrorMessage';
import { useLoad } from '../hooks';
import { href } from '../router';

const EVENT_LABEL: Record<string, string> = {
  Enrolled: 'Enrolled',
  SkillStarted: 'Started',
  SkillCompleted: 'Completed',
  SkillSkipped: 'Skipped',
  SkillReset: 'Reset',
  SkillMarkedKnown: 'Marked as known',
  RoadmapVersionAdopted: 'Moved to a new roadmap version',
  RoadmapCompleted: 'Completed the roadmap',
  Unenrolled: 'Left the roadmap',
};

interface StageCounts {
  roadmap: Roadmap;
  enrollment: EnrollmentList['items'][number];
}

/** The learner's dashboard: overall and per-stage counts per roadmap, the streak, and the timeline. */
export function DashboardScreen() {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone as TimeZone;
  const dashboard = useLoad(() => read<Dashboard>(api.GET('/v1/dashboard', { params: { query: { timeZone } } })), [timeZone]);
  const stages = useLoad(async (): Promise<StageCounts[]> => {
    const [enrollments, roadmaps] = await Promise.all([read<EnrollmentList>(api.GET('/v1/enrollments')), read<RoadmapPage>(api.GET('/v1/roadmaps', { params: { query: { limit: 100, includeRetired: 'true' } } }))]);
    const slugOf = new Map(roadmaps.items.map((roadmap) => [roadmap.id, roadmap.slug]));
    const open = enrollments.items.filter((enrollment) => !enrollment.unenrolledAt && slugOf.has(enrollment.roadmapId));
    return Promise.all(
      open.map(async (enrollment) => ({
        enrollment,
        roadmap: await read<Roadmap>(api.GET('/v1/roadmaps/{slug}/versions/{version}', { params: { path: { slug: slugOf.get(enrollment.roadmapId) as string, version: enrollment.roadmapVersion } } })),
      })),
    );
  }, []);
  const timeline = useLoad(() => read<Timeline>(api.GET('/v1/timeline', { params: { query: { limit: 20 } } })), []);

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Your dashboard</h1>
      {dashboard.loading && <Progress label="Loading your progress…" />}
      <ErrorMessage error={dashboard.error} />
      {dashboard.data && (
        <div className="tiles">
          <Tile label="Skills done" value={dashboard.data.totals.distinctSkillsDone} testId="skills-done" />
          <Tile label="Active roadmaps" value={dashboard.data.totals.activeEnrollments} />
          <Tile label="Roadmaps completed" value={dashboard.data.totals.completedRoadmaps} />
          <Tile label="Streak (days)" value={dashboard.data.streak.current} detail={`longest ${dashboard.data.streak.longest}${dashboard.data.streak.activeToday ? ', active today' : ''}`} />
        </div>
      )}
      {dashboard.data && dashboard.data.enrollments.length === 0 && (
        <p>
          You are not enrolled yet. <a href={href({ name: 'roadmaps' })}>Pick a roadmap</a> or <a href={href({ name: 'onboarding' })}>get started with your resume</a>.
        </p>
      )}
      <h2>Progress by stage</h2>
      {stages.loading && <Progress label="Loading stages…" />}
      <ErrorMessage error={stages.error} />
      {stages.data?.map(({ roadmap, enrollment }) => (
        <section key={enrollment.enrollmentId} className="card" aria-labelledby={`progress-${roadmap.slug}`}>
          <h3 id={`progress-${roadmap.slug}`}>
            <a href={href({ name: 'roadmap', slug: roadmap.slug })}>{roadmap.title}</a>{' '}
            <span className="muted">
              {enrollment.progress.overall.done} of {enrollment.progress.overall.total} done
            </span>
          </h3>
          <table>
            <caption className="visually-hidden">Skills per stage of {roadmap.title}</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Done</th>
                <th scope="col">In progress</th>
                <th scope="col">Known</th>
                <th scope="col">Total</th>
                <th scope="col">
                  <span className="visually-hidden">Share done</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {enrollment.progress.stages.map((stage) => {
                const title = roadmap.stages.find((candidate) => candidate.id === stage.stageId)?.title ?? stage.stageId;
                const share = stage.total === 0 ? 0 : Math.round(((stage.done + stage.known) / stage.total) * 100);
                return (
                  <tr key={stage.stageId}>
                    <th scope="row">{title}</th>
                    <td>{stage.done}</td>
                    <td>{stage.inProgress}</td>
                    <td>{stage.known}</td>
                    <td>{stage.total}</td>
                    <td>
                      <meter min={0} max={100} value={share} aria-label={`${title}: ${share}% done or known`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      <h2>Timeline</h2>
      {timeline.loading && <Progress label="Loading your timeline…" />}
      <ErrorMessage error={timeline.error} />
      {timeline.data && timeline.data.items.length === 0 && <p>Nothing yet.</p>}
      {timeline.data && (
        <ol className="timeline">
          {timeline.data.items.map((item) => (
            <li key={item.position}>
              <time dateTime={item.occurredAt}>{new Date(item.occurredAt).toLocaleString()}</time> {EVENT_LABEL[item.type] ?? item.type}
              {item.skillId ? `: ${item.skillId.replace(/^skill:/, '')}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Tile({ label, value, detail, testId }: { label: string; value: number; detail?: string; testId?: string }) {
  return (
    <div className="tile" data-testid={testId}>
      <span className="tile-value">{value}</span>
      <span className="tile-label">{label}</span>
      {detail && <span className="muted">{detail}</span>}
    </div>
  );
}
