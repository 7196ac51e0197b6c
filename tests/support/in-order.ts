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

/** Whether some line of `lines` holds all of `cells`, in order. */
export function rowOnOneLine(lines: readonly string[], cells: readonly string[]): boolean {
  return lines.some((line) => inOrder(line, cells));
}
