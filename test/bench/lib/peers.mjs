// The peers the benchmarks compare Chatlet with: which published version, which files a site owner's
// script tag loads (taken from each package's README or documented CDN snippet), and how their docs
// start them on a page. Installed with npm into a folder outside the repository, reused across runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {object} Peer
 * @property {string} name        npm package name
 * @property {string} version     the exact version measured (pinned, so reruns compare like with like)
 * @property {string[]} files     paths inside the installed packages that the script-tag path loads
 * @property {string} why         where the choice of files comes from
 * @property {boolean} launcher   whether the widget shows a launcher bubble (else it is inline)
 * @property {(base: string, endpoint: string) => string} [embed]
 *   the HTML that starts it the way its docs say; `base` is the URL of node_modules, `endpoint` a
 *   dummy local URL. Absent when the peer cannot start without its vendor's servers.
 */

/** @type {Peer[]} */
export const PEERS = [
  {
    name: 'deep-chat',
    version: '2.4.2',
    files: ['deep-chat/dist/deepChat.bundle.js'],
    why: 'README/docs CDN tag: <script type="module" src=".../deep-chat/dist/deepChat.bundle.js">',
    launcher: false,
    embed: (base, endpoint) =>
      `<script type="module" src="${base}/deep-chat/dist/deepChat.bundle.js"></script>
<deep-chat connect='{"url":"${endpoint}"}' style="width:360px;height:480px"></deep-chat>`,
  },
  {
    name: '@nlux/core',
    version: '2.17.1',
    files: ['@nlux/core/umd/nlux-core.js', '@nlux/themes/nova.css'],
    why: 'package.json "browser" field (umd/nlux-core.js) + the Nova theme CSS its docs link (@nlux/themes 2.17.1)',
    launcher: false,
    embed: (base, endpoint) =>
      `<link rel="stylesheet" href="${base}/@nlux/themes/nova.css">
<script src="${base}/@nlux/core/umd/nlux-core.js"></script>
<div id="nlux-chat" style="width:360px;height:480px"></div>
<script>
  const adapter = { batchText: (text) => fetch(${JSON.stringify(endpoint)}, { method: 'POST', body: JSON.stringify({ text }) }).then((r) => r.json()).then((r) => r.reply) };
  window['@nlux/core'].createAiChat().withAdapter(adapter).mount(document.getElementById('nlux-chat'));
</script>`,
  },
  {
    name: '@typebot.io/js',
    version: '0.10.7',
    files: ['@typebot.io/js/dist/web.js'],
    why: 'README bubble snippet: import Typebot from ".../@typebot.io/js@0/dist/web.js"',
    launcher: true,
    embed: (base, endpoint) =>
      `<script type="module">
  import Typebot from '${base}/@typebot.io/js/dist/web.js';
  Typebot.initBubble({ typebot: 'bench-bot', apiHost: ${JSON.stringify(new URL(endpoint).origin)} });
</script>`,
  },
  {
    name: 'flowise-embed',
    version: '3.1.6',
    files: ['flowise-embed/dist/web.js'],
    why: 'README popup snippet: import Chatbot from ".../flowise-embed/dist/web.js"; Chatbot.init(...)',
    launcher: true,
    embed: (base, endpoint) =>
      `<script type="module">
  import Chatbot from '${base}/flowise-embed/dist/web.js';
  Chatbot.init({ chatflowid: 'bench-flow', apiHost: ${JSON.stringify(new URL(endpoint).origin)} });
</script>`,
  },
  {
    name: '@n8n/chat',
    version: '1.36.4',
    files: ['@n8n/chat/dist/chat.bundle.es.js', '@n8n/chat/dist/style.css'],
    why: 'README "CDN Embed": dist/style.css + import { createChat } from ".../dist/chat.bundle.es.js", which statically imports its Vue runtime, English locale and a shared chunk (counted); its lazy node-icons chunk is not',
    launcher: true,
    embed: (base, endpoint) =>
      `<link rel="stylesheet" href="${base}/@n8n/chat/dist/style.css">
<script type="module">
  import { createChat } from '${base}/@n8n/chat/dist/chat.bundle.es.js';
  createChat({ webhookUrl: ${JSON.stringify(endpoint)} });
</script>`,
  },
  {
    name: '@voiceflow/react-chat',
    version: '1.65.2',
    files: ['@voiceflow/react-chat/dist/bundle.mjs'],
    why: "Voiceflow's install snippet loads widget-next/bundle.mjs, the classic-script IIFE published as dist/bundle.mjs (its dist/style.css is empty)",
    launcher: true,
    embed: (base, endpoint) =>
      `<script>
  (function (d, t) {
    var v = d.createElement(t), s = d.getElementsByTagName(t)[0];
    v.onload = function () {
      window.voiceflow.chat.load({ verify: { projectID: 'bench-project' }, url: ${JSON.stringify(new URL(endpoint).origin)}, versionID: 'production' });
    };
    v.src = '${base}/@voiceflow/react-chat/dist/bundle.mjs'; v.type = 'text/javascript';
    s.parentNode.insertBefore(v, s);
  })(document, 'script');
</script>`,
  },
];

/** npm specs to install: every peer plus the theme package @nlux/core's docs link. */
const SPECS = [...PEERS.map((peer) => `${peer.name}@${peer.version}`), '@nlux/themes@2.17.1'];

/**
 * Installs the peers (once) into `$CHATLET_BENCH_PEERS` or `<os tmpdir>/chatlet-bench-peers` and
 * returns its `node_modules` path. Never touches the repository's own node_modules.
 * @returns {string}
 */
export function ensurePeers() {
  const root = process.env.CHATLET_BENCH_PEERS ?? join(tmpdir(), 'chatlet-bench-peers');
  const modules = join(root, 'node_modules');
  const installed = SPECS.every((spec) => {
    const at = spec.lastIndexOf('@');
    const manifest = join(modules, spec.slice(0, at), 'package.json');
    return (
      existsSync(manifest) &&
      JSON.parse(readFileSync(manifest, 'utf8')).version === spec.slice(at + 1)
    );
  });
  if (!installed) {
    mkdirSync(root, { recursive: true });
    const manifest = join(root, 'package.json');
    if (!existsSync(manifest)) {
      writeFileSync(manifest, JSON.stringify({ name: 'chatlet-bench-peers', private: true }));
    }
    console.log(`Installing the peers' published packages into ${root} (once) …`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        root,
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--save-exact',
        ...SPECS,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  return modules;
}
