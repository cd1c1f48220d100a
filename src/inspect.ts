/**
 * Node's `util.inspect` looks up `Symbol.for('nodejs.util.inspect.custom')` for custom
 * output. Keys and keyrings install it so inspecting them prints their redacted
 * `toString()`, never their fields. (Installed on the prototype rather than declared in
 * the class because computed method names defeat isolated declaration emit.)
 */
export function inspectAsString(proto: { toString(): string }): void {
  Object.defineProperty(proto, Symbol.for('nodejs.util.inspect.custom'), {
    value(this: { toString(): string }): string {
      return this.toString();
    },
  });
}
