// One exercise (#/exercise/<id>, GET /api/catalog/exercises/{id}): what it is, the steps, cues, mistakes,
// lighter and stronger variants, and "Learn more" links to its techniques' and its region's Learn pages.
import { useMemo } from 'preact/hooks';
import * as api from '../api';
import type { ExerciseDetail } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { PositionFigure } from '../components/PositionFigure';
import { useApi } from '../components/useApi';
import { learnHref } from './Learn';

function List({ title, items, ordered }: { title: string; items: string[]; ordered?: boolean }) {
  if (items.length === 0) return null;
  const rows = items.map((s, i) => <li key={i}>{s}</li>);
  return (
    <>
      <h2>{title}</h2>
      {ordered ? <ol>{rows}</ol> : <ul>{rows}</ul>}
    </>
  );
}

interface DetailProps {
  x: ExerciseDetail;
  regionName: string;
  techniqueNames: Map<string, string>;
  regions: api.Region[];
  tools: api.Tool[];
}

function Detail({ x, regionName, techniqueNames, regions, tools }: DetailProps) {
  const region = regions.find((r) => r.id === x.region);
  const tool = x.tools[0] ?? '';
  return (
    <article data-testid="exercise">
      <p class="muted">{regionName}</p>
      <h1>{x.name}</h1>
      <PositionFigure
        position={x.position}
        region={region}
        regionId={x.region}
        side={region?.laterality === 'paired' ? 'left' : 'centre'}
        tool={tools.find((t) => t.id === tool)}
        toolId={tool}
        label={x.name}
      />
      <p>{x.summary}</p>
      <List title="Steps" items={x.steps} ordered />
      <List title="Cues" items={x.cues} />
      <List title="Common mistakes" items={x.mistakes} />
      <p>
        <strong>Lighter:</strong> {x.lighter}
      </p>
      <p>
        <strong>Stronger:</strong> {x.stronger}
      </p>
      <h2>Learn more</h2>
      <ul class="records" data-testid="exercise-learn-links">
        {x.techniques.map((t) => (
          <li key={t}>
            <a class="session-link" href={learnHref(t)}>
              Technique: {techniqueNames.get(t) ?? t}
            </a>
          </li>
        ))}
        <li>
          <a class="session-link" href={learnHref(x.region)}>
            Region: {regionName}
          </a>
        </li>
      </ul>
      <p class="muted evidence">
        Evidence: {[...x.evidence.rules, ...x.evidence.sources].join(', ')}
      </p>
    </article>
  );
}

export function ExerciseView({ id }: { id: string }) {
  const [x, reload] = useApi(() => api.exercise(id));
  const [index] = useApi(api.learnIndex);
  const [regions] = useApi(api.regions);
  const [tools] = useApi(api.tools);
  const names = useMemo(() => {
    const links = index?.ok ? [...index.data.techniques, ...index.data.regions] : [];
    return new Map(links.map((l) => [l.id, l.title] as [string, string]));
  }, [index]);
  if (x === null) return <Loading what="the exercise" />;
  if (!x.ok) {
    return (
      <section>
        <h1>Exercise</h1>
        <ErrorState error={x.error} what="This exercise" onRetry={reload} />
      </section>
    );
  }
  return (
    <Detail
      x={x.data}
      regionName={names.get(x.data.region) ?? x.data.region}
      techniqueNames={names}
      regions={regions?.ok ? regions.data : []}
      tools={tools?.ok ? tools.data : []}
    />
  );
}
