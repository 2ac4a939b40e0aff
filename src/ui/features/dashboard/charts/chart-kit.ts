/**
 * chart.js with only the parts the dashboard draws (bars, lines, categories, legend,
 * tooltip), loaded on demand so the first paint never waits for it; colours come from the
 * page's theme variables, so the charts follow light and dark.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export interface Theme {
  text: string;
  muted: string;
  grid: string;
  internal: string;
  external: string;
  named: string;
  limit: string;
}

/** The theme's colours as the stylesheet defines them now. */
export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: value('--text'),
    muted: value('--muted'),
    grid: value('--border'),
    internal: value('--internal'),
    external: value('--external'),
    named: value('--accent'),
    limit: value('--danger'),
  };
}

/** What a chart shows and how: chart.js's configuration of one chart. */
export type ChartSpec = ChartConfiguration;

/** Common options: no animation (numbers update live), themed axes and legend. */
function themed(theme: Theme, stacked = false) {
  const axis = { ticks: { color: theme.muted }, grid: { color: theme.grid }, stacked };
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { labels: { color: theme.text } } },
    scales: { x: axis, y: { ...axis, beginAtZero: true } },
  };
}

export interface LimitBar {
  label: string;
  used: number;
  max: number;
}

/**
 * Usage of each limit as a bar, the limit as a thick dash across it. A bar over its limit is in
 * the danger colour, and the dash in the text colour: a red dash inside a bar that has passed it
 * could hardly be seen.
 */
export function limitsChart(bars: LimitBar[], theme: Theme): ChartSpec {
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: {
      labels: bars.map((bar) => bar.label),
      datasets: [
        {
          type: 'bar',
          label: 'Used',
          data: bars.map((bar) => bar.used),
          backgroundColor: bars.map((bar) => (bar.used > bar.max ? theme.limit : theme.named)),
          maxBarThickness: 64,
        },
        {
          type: 'line',
          label: 'Limit',
          data: bars.map((bar) => bar.max),
          showLine: false,
          pointStyle: 'line',
          pointRadius: 36,
          pointHoverRadius: 36,
          pointBorderWidth: 4,
          borderColor: theme.text,
          backgroundColor: theme.text,
        },
      ],
    },
    options: themed(theme),
  };
  return config as ChartSpec;
}

export interface EnvironmentBar {
  label: string;
  internal: number;
  external: number;
}

/** Internal and external users per environment, stacked. */
export function environmentsChart(bars: EnvironmentBar[], theme: Theme): ChartSpec {
  return {
    type: 'bar',
    data: {
      labels: bars.map((bar) => bar.label),
      datasets: [
        {
          label: 'Internal',
          data: bars.map((bar) => bar.internal),
          backgroundColor: theme.internal,
          maxBarThickness: 64,
        },
        {
          label: 'External',
          data: bars.map((bar) => bar.external),
          backgroundColor: theme.external,
          maxBarThickness: 64,
        },
      ],
    },
    options: themed(theme, true),
  };
}

export interface HistorySeries {
  days: string[];
  lines: { label: string; values: number[]; colour: keyof Theme; limit?: number }[];
}

/** Counts over time, each with its limit as a dashed line in the same colour. */
export function historyChart(series: HistorySeries, theme: Theme): ChartSpec {
  const datasets = series.lines.flatMap((line) => {
    const colour = theme[line.colour];
    const count = {
      type: 'line' as const,
      label: line.label,
      data: line.values,
      borderColor: colour,
      backgroundColor: colour,
      pointRadius: 2,
      tension: 0,
    };
    if (line.limit === undefined) return [count];
    const limit = {
      type: 'line' as const,
      label: `${line.label} limit`,
      data: series.days.map(() => line.limit!),
      borderColor: colour,
      borderDash: [6, 4],
      pointRadius: 0,
      borderWidth: 1.5,
    };
    return [count, limit];
  });
  return { type: 'line', data: { labels: series.days, datasets }, options: themed(theme) };
}

/**
 * Draws a chart on its canvas, or, when one is there already, gives it the new numbers and
 * colours and redraws it in place: far cheaper than building a chart anew on every change.
 */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, previous: Chart | undefined): Chart {
  if (!previous || previous.canvas !== canvas || (previous.config as ChartSpec).type !== spec.type) {
    previous?.destroy();
    return new Chart(canvas, spec);
  }
  previous.data = spec.data;
  previous.options = spec.options ?? {};
  previous.update('none');
  return previous;
}

export type { Chart };
