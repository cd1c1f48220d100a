// A progress bar on stderr for large files, drawn only when stderr is a terminal (never in
// pipes, logs or CI output), at most ten times a second.

/** Files at least this large get a bar. */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;
const WIDTH = 30;
const INTERVAL_MS = 100;

function size(n: number): string {
  return n >= 1024 * 1024 * 1024
    ? `${(n / 1024 ** 3).toFixed(2)} GiB`
    : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/** The bar's text for `done` of `total` bytes. */
export function bar(label: string, done: number, total: number): string {
  const ratio = total === 0 ? 1 : Math.min(done / total, 1);
  const filled = Math.round(ratio * WIDTH);
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${percent}%  ${size(done)} / ${size(total)}`;
}

/**
 * A pass-through stream that counts bytes and draws the bar; a plain pass-through when
 * there is no terminal, the size is unknown or small, or `enabled` is false.
 */
export function progress(
  label: string,
  total: number | undefined,
  enabled: boolean,
): TransformStream<Uint8Array, Uint8Array> {
  const stderr = process.stderr;
  if (!enabled || !stderr.isTTY || total === undefined || total < PROGRESS_MIN_BYTES)
    return new TransformStream();
  let done = 0;
  let last = 0;
  const draw = () => stderr.write(`\r${bar(label, done, total)}`);
  return new TransformStream({
    start: draw,
    transform(chunk, controller) {
      done += chunk.length;
      const now = Date.now();
      if (now - last >= INTERVAL_MS) {
        last = now;
        draw();
      }
      controller.enqueue(chunk);
    },
    flush() {
      draw();
      stderr.write('\n');
    },
  });
}
