/**
 * The app server (or a Vercel function's handler) installs undici's fetch
 * classes as globals when it loads; MSW patches the globals it finds when the
 * simulator starts. Installed later, the server's classes would replace the
 * patched ones, and MSW's fetch then fails on every request
 * ("inferRawHeaders(...) is not iterable"). So: install the same classes
 * first (`install`), start the simulator (`start`, MSW patches them), and keep
 * the patched ones whenever those same classes are assigned again. Anything
 * else assigned to these globals is kept as given.
 */
const FETCH_GLOBALS = ["Headers", "Request", "Response", "fetch"] as const;

export function startWithPatchedFetchGlobals<T>(install: () => void, start: () => T): T {
  install();
  const installed = Object.fromEntries(FETCH_GLOBALS.map((name) => [name, globalThis[name]]));
  const started = start();
  for (const name of FETCH_GLOBALS) {
    const patched = globalThis[name];
    let current: unknown = patched;
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (value: unknown) => {
        current = value === installed[name] ? patched : value;
      },
    });
  }
  return started;
}
