// Numbers as the texts write them. Not toLocaleString: its first call starts
// ICU's number formatting, ~10-17 ms of a command that prints one number.

/** An integer with commas between groups of three digits: 12,345 (as en-US writes it). */
export function withThousands(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}
