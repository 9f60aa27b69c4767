import { mount } from 'svelte';
import App from './ui/App.svelte';
import { Workspace } from './ui/state/workspace.svelte.ts';
import './ui/theme.css';

// The build mode picks how the engine starts (hosted assets, or everything inside one file); the
// other branch is removed at build time, so the single file never references an external asset.
// (Static imports of both would not do: Vite keeps the inlined worker of the unused one.)
const { startEngine } =
  import.meta.env.MODE === 'single'
    ? await import('./ui/engine-single.ts')
    : await import('./ui/engine-hosted.ts');

// The page renders at once; the engine starts in the background and requests wait for it.
const client = startEngine();
const workspace = new Workspace(client);
mount(App, { target: document.getElementById('app')!, props: { workspace } });
// The case as it was left: files, rule and replay kept in this browser (src/ui/state/session-store.ts).
void workspace.restoreSession();

// Marks on the page's clock (from navigation start), read by bench/startup.ts.
performance.mark('loupe:ui-ready');
const stop = client.onStatus((s) => {
  if (s.state !== 'ready') return;
  performance.mark('loupe:engine-ready', { detail: s.info });
  queueMicrotask(() => stop());
});
