/**
 * @peculiar/x509 uses tsyringe, which needs the Reflect metadata API
 * (`Reflect.getMetadata`, `getOwnMetadata`, `defineMetadata`) at import time and throws
 * "tsyringe requires a reflect polyfill" (or later "Reflect.getOwnMetadata is not a
 * function") without it. cachet supplies the few functions it uses, installs them only
 * when a certificate is about to be built (never at import, so `sideEffects: false` holds),
 * never replaces an existing implementation, and then imports @peculiar/x509 lazily.
 */

type Key = string | symbol | undefined;
type Store = Map<Key, Map<unknown, unknown>>;

const stores = new WeakMap<object, Store>();

function own(target: object, property: Key, create: boolean): Map<unknown, unknown> | undefined {
  let byProperty = stores.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    byProperty = new Map();
    stores.set(target, byProperty);
  }
  let values = byProperty.get(property);
  if (!values && create) {
    values = new Map();
    byProperty.set(property, values);
  }
  return values;
}

const api = {
  defineMetadata(key: unknown, value: unknown, target: object, property?: Key): void {
    own(target, property, true)!.set(key, value);
  },
  hasOwnMetadata(key: unknown, target: object, property?: Key): boolean {
    return own(target, property, false)?.has(key) ?? false;
  },
  getOwnMetadata(key: unknown, target: object, property?: Key): unknown {
    return own(target, property, false)?.get(key);
  },
  hasMetadata(key: unknown, target: object, property?: Key): boolean {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      if (api.hasOwnMetadata(key, t, property)) return true;
    }
    return false;
  },
  getMetadata(key: unknown, target: object, property?: Key): unknown {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const values = own(t, property, false);
      if (values?.has(key)) return values.get(key);
    }
    return undefined;
  },
  metadata(key: unknown, value: unknown) {
    return (target: object, property?: Key): void =>
      api.defineMetadata(key, value, target, property);
  },
};

/** Adds the missing Reflect metadata functions to the global Reflect (idempotent). */
function installReflectMetadata(): void {
  const reflect = Reflect as unknown as Record<string, unknown>;
  for (const [name, fn] of Object.entries(api)) {
    if (typeof reflect[name] !== 'function') {
      Object.defineProperty(Reflect, name, { value: fn, configurable: true, writable: true });
    }
  }
}

type Peculiar = typeof import('@peculiar/x509');
let loading: Promise<Peculiar> | undefined;

/** @peculiar/x509, imported once, after the polyfill is in place. */
export function peculiar(): Promise<Peculiar> {
  if (!loading) {
    installReflectMetadata();
    loading = import('@peculiar/x509');
  }
  return loading;
}
