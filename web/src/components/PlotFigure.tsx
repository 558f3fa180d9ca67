/**
 * Observable Plot charts as React components. Plot renders SVG (crisp text, readable by a screen
 * reader and a test) and takes all its text through textContent, so data stays inert. Plot adds a
 * <style> element to each chart; it is removed before the chart enters the page (the API's CSP
 * allows no inline styles to be relied on) and its two rules live in styles.css instead.
 *
 * `options` may be a function of the figure's width: the chart then fills its container and is
 * drawn again when the container changes size.
 */
import { useEffect, useRef, useState } from 'react';
import * as Plot from '@observablehq/plot';

export function PlotFigure({ options, className, label }: { options: Plot.PlotOptions | ((width: number) => Plot.PlotOptions); className?: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const fluid = typeof options === 'function';
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || !fluid) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth((w) => (Math.abs(w - el.clientWidth) > 8 ? el.clientWidth : w)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fluid]);
  useEffect(() => {
    const el = ref.current;
    if (!el || (fluid && !width)) return;
    const opts = typeof options === 'function' ? options(width) : options;
    const chart = Plot.plot({ className: 'plot', ariaLabel: label, ...opts });
    chart.querySelectorAll('style').forEach((s) => s.remove());
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [options, label, width, fluid]);
  return <div ref={ref} className={className ?? 'chart'} role="figure" aria-label={label} />;
}

export { Plot };
