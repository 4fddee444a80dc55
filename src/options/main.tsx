import { render } from 'preact';
import { App } from './App';
import './options.css';

render(<App />, document.getElementById('app')!);
