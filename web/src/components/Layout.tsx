import { useEffect, useRef, useState, type FormEvent } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';

export function Layout() {
  const navigate = useNavigate();
  const location = useLocation();
  const [q, setQ] = useState('');
  const main = useRef<HTMLElement>(null);
  // move focus to the page on navigation so keyboard and screen-reader users land on the content
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <NavLink to="/stories" className="brand">
          Parley
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/stories">Stories</NavLink>
          <NavLink to="/network">Network</NavLink>
          <NavLink to="/search">Search</NavLink>
          <NavLink to="/ingest">Ingest</NavLink>
        </nav>
        <form className="quick" role="search" onSubmit={submit}>
          <input type="search" aria-label="Search articles" placeholder="Search articles (any word form)…" value={q} onChange={(e) => setQ(e.target.value)} />
        </form>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>No page at this address.</p>
    </section>
  );
}
