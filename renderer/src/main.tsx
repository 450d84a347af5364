import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createQueryClient } from './api/query-client';
import { AppShell } from './shell/AppShell';
import './styles/theme.css';
import './styles/app.css';
import './styles/components.css';
import './styles/overview.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <AppShell />
    </QueryClientProvider>
  </StrictMode>,
);
