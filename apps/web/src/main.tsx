import '@xyflow/react/dist/style.css';
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element to mount the designer in.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
