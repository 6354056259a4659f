/**
 * Grey bars where a card's content will be, so the page keeps its shape while
 * it loads (nothing jumps when the data lands). Read out as "label".
 */
export function CardSkeleton({ label = 'Loading…', lines = 4 }: { label?: string; lines?: number }) {
  return (
    <div className="card-skeleton" role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="card-skeleton-bar" aria-hidden="true" />
      ))}
    </div>
  );
}
