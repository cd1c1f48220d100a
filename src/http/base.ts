/**
 * The signature base (RFC 9421 §2.5): one line per covered component,
 * `<identifier>: <value>`, then `"@signature-params": <inner list>`, joined by LF with no
 * trailing newline.
 */
import type { Component } from './components.js';
import { componentValue, type StructuredType } from './derive.js';
import type { Message } from './message.js';

/**
 * Builds the signature base.
 *
 * @param components - the covered components, in order
 * @param signatureParams - the serialized `@signature-params` value
 * @param message - the message being signed or verified
 * @param types - structured field types declared by the caller
 * @throws {@link ComponentError} when a covered component has no value in the message
 */
export function buildBase(
  components: readonly Component[],
  signatureParams: string,
  message: Message,
  types: Readonly<Record<string, StructuredType>>,
): string {
  let base = '';
  for (const component of components) {
    base += `${component.id}: ${componentValue(component, message, types)}\n`;
  }
  return `${base}"@signature-params": ${signatureParams}`;
}
