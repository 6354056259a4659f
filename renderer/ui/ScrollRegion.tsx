import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table's sideways-scrolling box that a keyboard can reach: while its content
 * is wider than it, the box is a labelled region in the Tab order (arrow keys
 * then scroll it); when everything fits it adds no Tab stop.
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className={['table-wrap', className].filter(Boolean).join(' ')} {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}>
      {children}
    </div>
  );
}
