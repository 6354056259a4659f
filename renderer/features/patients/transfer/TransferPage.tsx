/** Being built. */
export function TransferPage() {
  return <p>Coming shortly.</p>;
}
