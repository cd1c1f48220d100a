// Small DOM helpers shared by the three sections: typed element lookup and one way to show
// a verdict (valid / rejected with cachet's error code / a usage problem on this page).
import { CachetError } from 'cachet';

/** The element with this id, checked to be of the expected kind. */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`#${id} is missing or not a ${kind.name}`);
  return element;
}

/** A mistake in what was typed into the page (not a cachet error). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Shows a result in an `<output>`: `data-state` is `valid`, `invalid` (cachet refused the
 * input: its error code is shown in `[data-code]`) or `error` (the page could not run it).
 */
export function showVerdict(output: HTMLElement, verdict: string, detail: string): void {
  output.dataset['state'] = 'valid';
  output.replaceChildren(strong(verdict), ` ${detail}`);
}

/** Shows why an operation failed: the stable `code` of a CachetError, and its message. */
export function showFailure(output: HTMLElement, verdict: string, error: unknown): void {
  if (error instanceof CachetError) {
    const code = document.createElement('code');
    code.dataset['code'] = '';
    code.textContent = error.code;
    output.dataset['state'] = 'invalid';
    output.replaceChildren(strong(verdict), ' ', code, `: ${error.message}`);
  } else {
    output.dataset['state'] = 'error';
    const message = error instanceof Error ? error.message : String(error);
    output.replaceChildren(strong('Cannot run this:'), ` ${message}`);
  }
}

/** Clears an output before a new attempt. */
export function clear(output: HTMLElement): void {
  delete output.dataset['state'];
  output.replaceChildren();
}

/**
 * Offers bytes for download: a link in `slot` (made on first use), replacing the previous
 * one and releasing its object URL.
 */
export function offerDownload(
  slot: HTMLElement,
  label: string,
  blob: Blob,
  fileName: string,
): void {
  withdrawDownload(slot);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.textContent = label;
  slot.append(link);
}

/** Removes the download link in `slot`, if any, and releases its object URL. */
export function withdrawDownload(slot: HTMLElement): void {
  for (const link of slot.querySelectorAll('a')) URL.revokeObjectURL(link.href);
  slot.replaceChildren();
}

/**
 * Reads a stream to its end. Not `new Response(stream).blob()`: when the stream fails (a
 * wrong key, a tampered chunk), Chromium replaces the error with "TypeError: Failed to
 * fetch", and cachet's error code would be lost; a reader rethrows the error itself.
 */
export async function readAll(
  stream: ReadableStream<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value as Uint8Array<ArrayBuffer>); // cachet's chunks are never shared memory
  }
}

/** Runs a button's action, disabling the button meanwhile so a double click runs it once. */
export function onClick(button: HTMLButtonElement, action: () => Promise<void> | void): void {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
}

function strong(text: string): HTMLElement {
  const element = document.createElement('strong');
  element.textContent = text;
  return element;
}
