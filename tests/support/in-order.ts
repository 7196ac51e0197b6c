/** Whether `parts` appear in `line` left to right: how tests and benchmarks check a table row kept on one line. */
export function inOrder(line: string, parts: readonly string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = line.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}
