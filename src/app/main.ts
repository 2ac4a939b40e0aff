import { mount } from 'svelte';
import { openRoster } from '../api';
import App from './App.svelte';
import { recordHistory } from './history-recorder';
import './global.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');

const roster = await openRoster('roster');
// The same API the console uses, for scripting from the browser's developer console.
window.roster = roster;
mount(App, { target, props: { roster } });
recordHistory(roster);
