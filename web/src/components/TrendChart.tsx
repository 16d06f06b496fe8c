// A uPlot line chart of values over time (sensation 0-10 per region, self-test results). Colours follow the
// page's CSS (light or dark); the data is also given as text for screen readers.
// The x axis counts days (ticks on local midnights, labelled with dates, never clock times: check-ins of one
// session are minutes apart, and the chart is about weeks). The legend is the page's own wrapping list, not
// uPlot's table, which overflows a phone's width (issue 11 item 16). The figure carries its tick labels in
// data-x-ticks, since the axis is drawn on a canvas.
// uPlot (46 KiB of script) is loaded, and each chart drawn, when the chart comes near the screen: the page's
// first screen does not wait for charts below it, and each chart is its own short task (Lighthouse's blocking
// time on the progress page was uPlot's evaluation and every chart drawn at once). The box keeps the chart's
// height before it is drawn, so nothing moves when it is.
import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

let uplot: Promise<typeof uPlot> | null = null;
const loadUPlot = () => (uplot ??= import('uplot').then((m) => m.default));
const HEIGHT = 200;

export interface Series {
  label: string;
  points: { at_ms: number; value: number }[];
}

const palette = ['#0f9d8f', '#d9534f', '#6f6fd8', '#c78a00', '#2b8fd6', '#b455b6'];

const DAY_S = 86400;
// Local midnight at or before `s` (seconds).
const dayStart = (s: number) => {
  const d = new Date(s * 1000);
  d.setHours(0, 0, 0, 0);
  return d.getTime() / 1000;
};
export const dateLabel = (s: number) => new Date(s * 1000).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

export function TrendChart({ title, series, yMax, unit }: { title: string; series: Series[]; yMax?: number; unit: string }) {
  const box = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || series.length === 0) return;
    let plot: uPlot | null = null;
    let gone = false;
    const resize = () => plot && box.current && plot.setSize({ width: box.current.clientWidth, height: HEIGHT });
    const draw = (UPlot: typeof uPlot) => {
      if (gone || !box.current) return;
      plot = build(UPlot, box.current);
      if (figure.current) figure.current.dataset.drawn = 'true';
      addEventListener('resize', resize);
    };
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        near.disconnect();
        loadUPlot().then(draw);
      },
      { rootMargin: '200px 0px' },
    );
    near.observe(el);
    return () => {
      gone = true;
      near.disconnect();
      removeEventListener('resize', resize);
      plot?.destroy();
    };
  }, [series, yMax, unit]);

  const build = (UPlot: typeof uPlot, target: HTMLDivElement) => {
    const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.at_ms / 1000)))].sort((a, b) => a - b);
    const data: uPlot.AlignedData = [
      xs,
      ...series.map((s) => {
        const m = new Map(s.points.map((p) => [p.at_ms / 1000, p.value]));
        return xs.map((x) => m.get(x) ?? null);
      }),
    ];
    const css = getComputedStyle(document.documentElement);
    const text = css.getPropertyValue('--muted').trim() || '#555';
    const grid = css.getPropertyValue('--border').trim() || '#ccc';
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    return new UPlot(
      {
        width: target.clientWidth || 340,
        height: HEIGHT,
        // Whole days around the data, so that one day's check-ins still sit between two dated ticks.
        scales: { x: { time: true, range: (_u, min, max) => [dayStart(min), dayStart(max) + DAY_S] }, y: yMax === undefined ? {} : { range: [0, yMax] } },
        axes: [
          {
            ...axis,
            space: 56,
            incrs: [1, 2, 7, 14, 28, 91, 182, 365].map((d) => d * DAY_S),
            values: (_u, splits) => {
              const labels = splits.map(dateLabel);
              if (figure.current) figure.current.dataset.xTicks = labels.join('|');
              return labels;
            },
          },
          { ...axis, label: unit },
        ],
        legend: { show: false },
        series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], width: 2, points: { size: 6 }, spanGaps: true }))],
        cursor: { drag: { x: false, y: false } },
      },
      data,
      target,
    );
  };
  const summary = series
    .map((s) => `${s.label}: ${s.points.map((p) => `${new Date(p.at_ms).toLocaleDateString()} ${p.value}`).join(', ')}`)
    .join('. ');
  return (
    <figure class="chart" aria-label={title} ref={figure} data-testid="trend-chart">
      <div ref={box} style={{ minHeight: `${HEIGHT}px` }} />
      <ul class="chart-legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.label}>
            <span class="line-swatch" data-colour={i % palette.length} />
            {s.label}
          </li>
        ))}
      </ul>
      <figcaption class="sr-only">
        {title}. {summary}
      </figcaption>
    </figure>
  );
}
