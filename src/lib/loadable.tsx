import { use, type ComponentType } from 'react';

type TrackedPromise<T> = Promise<T> & { status?: 'fulfilled'; value?: T };

const registry = new Set<() => Promise<unknown>>();

/**
 * A component whose code loads on demand. Unlike React.lazy it can be loaded ahead of rendering: the server
 * loads every such component first (preloadAll), so its render never suspends, and the page needs no inline
 * script to reveal late parts (which the strict CSP would refuse). In the browser it suspends until its chunk
 * arrives; while hydrating, the server's HTML stays on screen meanwhile.
 */
export function loadable<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let promise: TrackedPromise<ComponentType<P>> | undefined;
  const start = () => {
    if (!promise) {
      const started: TrackedPromise<ComponentType<P>> = load();
      // React reads a settled promise's status and value instead of suspending on it. A chunk that could not
      // load (offline) is asked for again by the next render, such as the error boundary's "Try again".
      started.then(
        (value) => {
          started.status = 'fulfilled';
          started.value = value;
        },
        () => (promise = undefined),
      );
      promise = started;
    }
    return promise;
  };
  registry.add(start);
  return function Loadable(props: P) {
    const Component = use(start() as Promise<ComponentType<P>>);
    return <Component {...props} />;
  };
}

/** Loads every loadable component's code; the server awaits this before rendering. */
export const preloadAll = () => Promise.all([...registry].map((start) => start()));
