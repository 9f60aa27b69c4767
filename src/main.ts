import { mount } from 'svelte';
import App from './ui/App.svelte';
import { startEngine } from './ui/engine.ts';
import { Workspace } from './ui/state/workspace.svelte.ts';
import './ui/theme.css';

// The page renders at once; the engine starts in the background and requests wait for it.
const workspace = new Workspace(startEngine());
mount(App, { target: document.getElementById('app')!, props: { workspace } });
