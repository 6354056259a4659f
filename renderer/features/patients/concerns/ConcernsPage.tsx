/** Being built. */
export function ConcernsPage() {
  return <p>Coming shortly.</p>;
}
