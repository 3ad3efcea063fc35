import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReactElement } from 'react';

type ReactDomServer = { renderToStaticMarkup: (element: ReactElement) => string };

let loaded: ReactDomServer | undefined;

/**
 * HTML of a React element, for emails. Next's bundler refuses `react-dom/server` in server components
 * and instrumentation (pages are rendered by React Server Components), and an email is not a page: so
 * react-dom/server is required from node_modules at run time, beside the bundle, where Node resolves
 * its Node build. The email components use no hooks or context, so React's element objects (one
 * format across React 19) are all they share with it.
 */
export function renderStaticMarkup(element: ReactElement): string {
  loaded ??= createRequire(path.join(process.cwd(), 'package.json'))(['react-dom', 'server'].join('/')) as ReactDomServer;
  return loaded.renderToStaticMarkup(element);
}
