/**
 * The signature base (RFC 9421 §2.5): one line per covered component,
 * `<identifier>: <value>`, then `"@signature-params": <inner list>`, joined by LF with no
 * trailing newline.
 */
import type { Component } from './components.js';
import { componentValue, type StructuredType } from './derive.js';
import type { FieldReader } from './fields.js';
import type { Message } from './message.js';

function withAdded(fields: FieldReader, added: Readonly<Record<string, string>>): FieldReader {
  return {
    lines: (name) => (Object.hasOwn(added, name) ? [added[name]!] : fields.lines(name)),
    value: (name) => (Object.hasOwn(added, name) ? added[name] : fields.value(name)),
  };
}

/**
 * Builds the signature base.
 *
 * @param components - the covered components, in order
 * @param signatureParams - the serialized `@signature-params` value
 * @param message - the message being signed or verified
 * @param types - structured field types declared by the caller
 * @param added - fields being added by the signer, by lowercase name
 * @throws {@link ComponentError} when a covered component has no value in the message
 */
export function buildBase(
  components: readonly Component[],
  signatureParams: string,
  message: Message,
  types: Readonly<Record<string, StructuredType>>,
  added?: Readonly<Record<string, string>>,
): string {
  let base = '';
  let overlaid: Message | undefined;
  for (const component of components) {
    let value: string;
    if (added && Object.hasOwn(added, component.name)) {
      // A field the signer is adding (Content-Digest): plain, or through its parameters.
      if (component.params.size === 0) value = added[component.name]!;
      else {
        overlaid ??= { ...message, fields: withAdded(message.fields, added) };
        value = componentValue(component, overlaid, types);
      }
    } else value = componentValue(component, message, types);
    base += `${component.id}: ${value}\n`;
  }
  return `${base}"@signature-params": ${signatureParams}`;
}
