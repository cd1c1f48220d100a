// Console output for the demo: a numbered heading per step and a check mark per fact checked.
export interface DemoLog {
  step(title: string): void;
  ok(message: string): void;
  info(message: string): void;
}

export function createLog(): DemoLog & { summary(): string } {
  let steps = 0;
  let checks = 0;
  return {
    step(title) {
      steps++;
      console.log(`\n${steps}. ${title}`);
    },
    ok(message) {
      checks++;
      console.log(`   ✔ ${message}`);
    },
    info(message) {
      console.log(`     ${message}`);
    },
    summary() {
      return `${steps} steps, ${checks} checks passed`;
    },
  };
}

/** Throws (ending the demo with exit code 1) when a check does not hold. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`demo check failed: ${message}`);
}
