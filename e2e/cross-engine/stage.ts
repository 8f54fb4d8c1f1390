import { startPageServer } from '../support/page-server.ts';
import { startScriptedUpstream, type ScriptedUpstream } from '../support/scripted-upstream.ts';
import { startBuiltServer } from '../support/servers.ts';
import { noConstructableSheetsScript, probeScript } from './in-page.ts';
import type { Engine, Tab } from './tab.ts';

/** A host page of a scenario; every field is optional. */
export interface HostPage {
  /** The script tag's `data-*` attributes; `endpoint` defaults to the proxy's `/chat`. */
  attributes?: Record<string, string>;
  /** `<html lang>`. @default 'en' */
  lang?: string;
  /** Response headers, such as a `Content-Security-Policy`. */
  headers?: Record<string, string>;
  body?: string;
  /** Load the widget from the proxy's own origin, not the page's (a CDN-like second origin). */
  crossOrigin?: boolean;
  /** Remove constructable stylesheets before the widget loads (Safari before 16.4). @default true */
  constructableSheets?: boolean;
}

/** What a scenario gets: a tab, more on demand, the upstream stand-in and host pages. */
export interface Stage {
  tab: Tab;
  newTab(): Promise<Tab>;
  /** The loopback Quickchat stand-in behind the real proxy ("Reply <n>" unless scripted). */
  upstream: ScriptedUpstream;
  /** The built demo server's origin (proxy and built files), e.g. `http://127.0.0.1:4711/`. */
  proxyUrl: string;
  /** Serves a host page with the widget's script tag; returns its URL. */
  page(page?: HostPage): string;
}

const PROBE = '/e2e-probe/probe.js';
const NO_SHEETS = '/e2e-probe/no-constructable-sheets.js';

/**
 * Starts what one scenario needs, all on loopback: a scripted upstream, the BUILT demo server
 * relaying to it through the real proxy, and a page server whose new port gives the test an origin
 * (and so storage) of its own in every engine. Returns the stage and its teardown.
 */
export async function startStage(engine: Engine): Promise<{ stage: Stage; end(): Promise<void> }> {
  const upstream = await startScriptedUpstream('quickchat');
  const pages = await startPageServer({
    [PROBE]: probeScript,
    [NO_SHEETS]: noConstructableSheetsScript,
  });
  const server = await startBuiltServer(
    {
      QUICKCHAT_API_KEY: 'qc-cross-engine-key',
      QUICKCHAT_SCENARIO_ID: 'scenario-cross-engine',
      QUICKCHAT_API_URL: upstream.url,
      CHATLET_SECRET: 'e2e-signing-secret-0123456789abcdef0123',
      CHATLET_ALLOWED_ORIGINS: pages.origin,
      CHATLET_IP_REQUESTS_PER_MINUTE: '0',
      CHATLET_CONVERSATION_REQUESTS_PER_MINUTE: '0',
    },
    () => {},
  );
  pages.forwardTo(server.url);
  let served = 0;
  const stage: Stage = {
    tab: await engine.beginTest(),
    newTab: () => engine.newTab(),
    upstream,
    proxyUrl: server.url,
    page(page = {}) {
      const base = page.crossOrigin ? server.url : '/';
      const attributes = { endpoint: `${base}chat`, ...page.attributes };
      const data = Object.entries(attributes)
        .map(([name, value]) => ` data-${name}="${value.replaceAll('"', '&quot;')}"`)
        .join('');
      const sheets =
        page.constructableSheets === false ? `<script src="${NO_SHEETS}"></script>` : '';
      const html = `<!doctype html>
<html lang="${page.lang ?? 'en'}"><head><meta charset="utf-8"><title>Cross-engine host page</title>
<script src="${PROBE}"></script>${sheets}</head>
<body><main><h1>Host page</h1>${page.body ?? ''}</main>
<script src="${base}chatlet.js" async${data}></script></body></html>`;
      served += 1;
      return pages.serve(`/page-${served}.html`, {
        html,
        ...(page.headers ? { headers: page.headers } : {}),
      });
    },
  };
  return {
    stage,
    async end() {
      await engine.endTest();
      await server.close();
      await pages.close();
      await upstream.close();
    },
  };
}

/** One scenario, written once against {@link Stage} and run in every engine. */
export interface Scenario {
  name: string;
  run(stage: Stage): Promise<void>;
  /** Why it cannot pass yet (the feature it needs has not landed): reported as fixme, not run. */
  pending?: string;
}
