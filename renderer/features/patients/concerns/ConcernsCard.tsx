/** Being built. */
export function ConcernsCard() {
  return null;
}
