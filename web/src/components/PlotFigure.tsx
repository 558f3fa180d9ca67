/**
 * Observable Plot charts as React components. Plot renders SVG (crisp text, readable by a screen
 * reader and a test) and takes all its text through textContent, so data stays inert. Plot adds a
 * <style> element to each chart; it is removed before the chart enters the page (the API's CSP
 * allows no inline styles to be relied on) and its two rules live in styles.css instead.
 */
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';

export function PlotFigure({ options, className, label }: { options: Plot.PlotOptions; className?: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = Plot.plot({ className: 'plot', ariaLabel: label, ...options });
    chart.querySelectorAll('style').forEach((s) => s.remove());
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [options, label]);
  return <div ref={ref} className={className ?? 'chart'} role="figure" aria-label={label} />;
}

export { Plot };
