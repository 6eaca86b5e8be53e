/**
 * A uPlot chart (canvas, ~50 KB, loaded only with the Metrics tab) in the console's colours: lines
 * over days, or bars over a numeric axis (hours of the day). The canvas is an image to assistive
 * technology, so the caller gives a summary and a data table next to it.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS custom property of the theme, e.g. `--accent`. */
  colour: string;
  dash?: number[];
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export default function TimeChart({
  x,
  series,
  kind,
  xIsTime,
  yLabel,
  xLabel,
  formatY,
  formatX,
  label,
  testId,
  themeKey,
}: {
  x: number[];
  series: ChartSeries[];
  kind: 'lines' | 'bars';
  xIsTime: boolean;
  yLabel: string;
  xLabel: string;
  formatY: (v: number) => string;
  formatX?: (v: number) => string;
  label: string;
  testId: string;
  /** Changes when the theme does, so the chart is redrawn in the new colours. */
  themeKey: string;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const text = cssVar('--text');
    const grid = cssVar('--border');
    const axis = (l: string, values?: (v: number) => string): uPlot.Axis => ({
      stroke: text,
      label: l,
      labelFont: '600 13px system-ui, sans-serif',
      font: '12px system-ui, sans-serif',
      grid: { stroke: grid, width: 0.5 },
      ticks: { stroke: grid, width: 0.5 },
      ...(values ? { values: (_u: uPlot, ticks: number[]) => ticks.map(values) } : {}),
    });
    const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 260,
      scales: {
        // One day alone would otherwise be drawn across years of empty axis: give it a day each side.
        x: {
          time: xIsTime,
          ...(xIsTime
            ? {
                range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax =>
                  min === max ? [min - 86_400, max + 86_400] : [min, max],
              }
            : {}),
        },
        y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
      },
      axes: [axis(xLabel, formatX), { ...axis(yLabel, formatY), size: 70 }],
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        {
          label: xLabel,
          ...(formatX ? { value: (_u: uPlot, v: number | null) => (v === null ? '' : formatX(v)) } : {}),
        },
        ...series.map((s) => ({
          label: s.label,
          stroke: cssVar(s.colour),
          width: 2.5,
          ...(s.dash ? { dash: s.dash } : {}),
          ...(kind === 'bars' && bars
            ? { paths: bars, fill: cssVar(s.colour), points: { show: false } }
            : { points: { size: 6 } }),
          value: (_u: uPlot, v: number | null) => (v === null ? '' : formatY(v)),
        })),
      ],
    };
    const chart = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    el.dataset.drawn = 'true';
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(280, el.clientWidth), height: 260 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      delete el.dataset.drawn;
    };
  }, [x, series, kind, xIsTime, yLabel, xLabel, formatY, formatX, themeKey]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-testid={testId} />;
}
