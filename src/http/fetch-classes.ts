/**
 * The Fetch API classes, looked up once. In Node they are lazy getters on `globalThis`,
 * and reading one costs more than the rest of a type check on the hot path.
 */
interface Classes {
  Request: typeof Request | undefined;
  Response: typeof Response | undefined;
  Headers: typeof Headers | undefined;
}
let classes: Classes | undefined;

function fetchClasses(): Classes {
  classes ??= {
    Request: globalThis.Request,
    Response: globalThis.Response,
    Headers: globalThis.Headers,
  };
  return classes;
}

/** True for a Fetch API Request. */
export function isFetchRequest(value: unknown): value is Request {
  const C = fetchClasses().Request;
  return C !== undefined && value instanceof C;
}

/** True for a Fetch API Response. */
export function isFetchResponse(value: unknown): value is Response {
  const C = fetchClasses().Response;
  return C !== undefined && value instanceof C;
}

/** True for a Fetch API Headers. */
export function isHeaders(value: unknown): value is Headers {
  const C = fetchClasses().Headers;
  return C !== undefined && value instanceof C;
}
