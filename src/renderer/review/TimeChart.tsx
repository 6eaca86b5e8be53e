/**
 * A uPlot chart (canvas, ~50 KB, loaded only with the Metrics tab) in the console's colours: lines
 * over days, or bars over a numeric axis (hours of the day). The canvas is an image to assistive
 * technology, so the caller gives a summary and a data table next to it.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS custom property of the theme, e.g. `--accent`. */
  colour: string;
  dash?: number[];
}

/**
 * The theme the page is drawn in (`<html data-theme>`). A canvas keeps the colours it was drawn
 * with, so the chart is drawn again when this changes, whoever changed it.
 */
function usePageTheme(): string {
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme ?? '');
  useEffect(() => {
    const root = document.documentElement;
    const watch = new MutationObserver(() => setTheme(root.dataset.theme ?? ''));
    watch.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => watch.disconnect();
  }, []);
  return theme;
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
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const theme = usePageTheme();

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
      axes: [
        // A numeric x (hours of the day) is ticked in whole steps: uPlot's own picks 2.5 on a narrow chart.
        { ...axis(xLabel, formatX), ...(xIsTime ? {} : { incrs: [1, 2, 3, 4, 6, 12] }) },
        { ...axis(yLabel, formatY), size: 70 },
      ],
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
            : // Drawn always: a day between empty days has no line to show it.
              { points: { show: true, size: 7 } }),
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
  }, [x, series, kind, xIsTime, yLabel, xLabel, formatY, formatX, theme]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-testid={testId} />;
}
