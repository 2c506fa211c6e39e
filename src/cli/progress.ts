/**
 * Waits for `work` with a line on stderr saying what for and for how long, redrawn ten times a second and removed
 * at the end; only when stderr is a terminal, so that scripts and logs get nothing of it.
 */
export async function withProgress<T>(label: string, work: Promise<T>): Promise<T> {
  const stderr = process.stderr;
  if (!stderr.isTTY) return work;
  const started = Date.now();
  const draw = () => stderr.write(`\r${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  draw();
  const timer = setInterval(draw, 100);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    stderr.write('\r\x1b[K');
  }
}
