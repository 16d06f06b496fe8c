// A uPlot line chart of values over time (sensation 0-10 per region, self-test results). Colours follow the
// page's CSS (light or dark); the data is also given as text for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  points: { at_ms: number; value: number }[];
}

const palette = ['#0f9d8f', '#d9534f', '#6f6fd8', '#c78a00', '#2b8fd6', '#b455b6'];

export function TrendChart({ title, series, yMax, unit }: { title: string; series: Series[]; yMax?: number; unit: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || series.length === 0) return;
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
    const plot = new uPlot(
      {
        width: box.current.clientWidth || 340,
        height: 200,
        scales: { x: { time: true }, y: yMax === undefined ? {} : { range: [0, yMax] } },
        axes: [axis, { ...axis, label: unit }],
        series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], width: 2, points: { size: 6 }, spanGaps: true }))],
        cursor: { drag: { x: false, y: false } },
      },
      data,
      box.current,
    );
    const resize = () => box.current && plot.setSize({ width: box.current.clientWidth, height: 200 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [series, yMax, unit]);
  const summary = series
    .map((s) => `${s.label}: ${s.points.map((p) => `${new Date(p.at_ms).toLocaleDateString()} ${p.value}`).join(', ')}`)
    .join('. ');
  return (
    <figure class="chart" aria-label={title}>
      <div ref={box} />
      <figcaption class="sr-only">
        {title}. {summary}
      </figcaption>
    </figure>
  );
}
