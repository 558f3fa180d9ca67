import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import './styles.css';
import { Layout, NotFound } from './components/Layout';
import { StoriesPage } from './pages/Stories';
import { StoryPage } from './pages/Story';
import { ClaimPage } from './pages/Claim';
import { ActorPage } from './pages/Actor';
import { ArticlePage } from './pages/Article';
import { SearchPage } from './pages/Search';
import { IngestPage } from './pages/Ingest';

// Every page's state lives in its URL (path + query), so links are permalinks and Back works.
const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/stories" replace /> },
      { path: 'stories', element: <StoriesPage /> },
      { path: 'stories/:id', element: <StoryPage /> },
      { path: 'claims/:id', element: <ClaimPage /> },
      { path: 'actors/:id', element: <ActorPage /> },
      // the graph page (sigma.js + graphology, WebGL) is its own chunk, loaded on first visit
      { path: 'network', lazy: async () => ({ Component: (await import('./pages/Network')).NetworkPage }) },
      { path: 'articles/:id', element: <ArticlePage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'ingest', element: <IngestPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
