// The Learn section (#/learn, GET /api/learn; #/learn/<id>, GET /api/learn/{id}): why rolling works and how to
// do it safely, in the catalog's words (catalog/learn.toml) with the rules and sources behind each part. A page
// is a topic, a technique or a region; every exercise view links its techniques and its region here.
import * as api from '../api';
import type { Evidence, LearnLink, LearnPage } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { useApi } from '../components/useApi';

export const learnHref = (id: string) => `#/learn/${encodeURIComponent(id)}`;

// "R3 · S16, S50", or "" when the part cites nothing of its own.
function evidenceText(e: Evidence): string {
  return [e.rules.join(', '), e.sources.join(', ')].filter((x) => x).join(' · ');
}

function Links({ links, label }: { links: LearnLink[]; label: string }) {
  if (links.length === 0) return null;
  return (
    <ul class="records learn-links" aria-label={label}>
      {links.map((l) => (
        <li key={l.id}>
          <a class="session-link" href={learnHref(l.id)}>
            {l.title}
          </a>
          {l.summary && <p class="muted">{l.summary}</p>}
        </li>
      ))}
    </ul>
  );
}

function Index() {
  const [index, reload] = useApi(api.learnIndex);
  return (
    <section>
      <h1>Learn</h1>
      <p>Why rolling works, how to do it safely, and how sure the evidence is. Each part names its sources.</p>
      {index === null && <Loading what="the Learn topics" />}
      {index && !index.ok && <ErrorState error={index.error} what="Learn" onRetry={reload} />}
      {index?.ok && (
        <>
          <h2>Topics</h2>
          <Links links={index.data.topics} label="Topics" />
          <h2>Techniques</h2>
          <Links links={index.data.techniques} label="Techniques" />
          <h2>Body regions</h2>
          <ul class="learn-chips" aria-label="Body regions">
            {index.data.regions.map((r) => (
              <li key={r.id}>
                <a class="button" href={learnHref(r.id)}>
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const kindWords: Record<string, string> = { topic: 'Topic', technique: 'Technique', region: 'Body region' };

function Page({ page }: { page: LearnPage }) {
  return (
    <article data-testid="learn-page">
      <a class="back" href="#/learn">
        ← All Learn topics
      </a>
      <p class="muted">{kindWords[page.kind] ?? page.kind}</p>
      <h1>{page.title}</h1>
      <p class="learn-summary">{page.summary}</p>
      {page.sections.map((s, i) => (
        <section key={i} class="card">
          <h2>{s.heading}</h2>
          {s.text && <p>{s.text}</p>}
          {s.points.length > 0 && (
            <ul>
              {s.points.map((p, j) => (
                <li key={j}>{p}</li>
              ))}
            </ul>
          )}
          {evidenceText(s.evidence) && <p class="muted evidence">Evidence: {evidenceText(s.evidence)}</p>}
        </section>
      ))}
      {page.exercises.length > 0 && (
        <>
          <h2>Exercises</h2>
          <ul class="records">
            {page.exercises.map((x) => (
              <li key={x.id}>
                <a class="session-link" href={`#/exercise/${encodeURIComponent(x.id)}`}>
                  {x.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {(page.learn_more.length > 0 || page.see_also.length > 0) && <h2>Learn more</h2>}
      <Links links={page.learn_more} label="Topics to read next" />
      <Links links={page.see_also} label="Techniques and regions" />
      {(page.references.length > 0 || page.evidence.rules.length > 0) && (
        <details class="howto">
          <summary>Sources{page.evidence.rules.length > 0 ? ` (rules ${page.evidence.rules.join(', ')})` : ''}</summary>
          <ul>
            {page.references.map((r) => (
              <li key={r.id}>
                <strong>{r.id}</strong> {r.citation}
                {r.note && <span class="muted"> — {r.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

function One({ id }: { id: string }) {
  const [page, reload] = useApi(() => api.learnPage(id));
  if (page === null) return <Loading what="this page" />;
  if (!page.ok) {
    return (
      <section>
        <h1>Learn</h1>
        <ErrorState error={page.error} what="This Learn page" onRetry={reload} />
        <a class="back" href="#/learn">
          ← All Learn topics
        </a>
      </section>
    );
  }
  return <Page page={page.data} />;
}

export function Learn({ id }: { id: string }) {
  return id ? <One id={id} key={id} /> : <Index />;
}
