import type { ReactNode } from 'react';

import type { SessionUser } from '../api/types.js';
import { Icon } from '../ui/icons.js';
import { href, type Route } from './router.js';
import { useTheme, type Theme } from './theme.js';

const NAV: { path: string; label: string; icon: string; matches: Route['name'][] }[] = [
  { path: '/flows', label: 'Flows', icon: 'flow', matches: ['flows', 'flow'] },
  { path: '/executions', label: 'Executions', icon: 'list', matches: ['executions', 'execution'] },
  { path: '/endpoints', label: 'Endpoints', icon: 'link', matches: ['endpoints'] },
  { path: '/credentials', label: 'Credentials', icon: 'key', matches: ['credentials'] },
];

const NEXT_THEME: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' };

const THEME_ICON = { dark: 'moon', light: 'sun', system: 'refresh' } as const;

/** Renders the app frame: navigation, theme toggle and sign-out around the current page. */
export function Layout({
  route,
  user,
  onSignOut,
  children,
}: {
  route: Route;
  user: SessionUser;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const [theme, setTheme] = useTheme();

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <Icon name="flow" size={20} />
          <span>ScimFlow</span>
        </div>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <a
              key={item.path}
              href={href(item.path)}
              aria-current={item.matches.includes(route.name) ? 'page' : undefined}
              onClick={(event) => event.currentTarget.blur()}
            >
              <Icon name={item.icon} />
              {item.label}
            </a>
          ))}
        </nav>
        <div className="topbar-end">
          <button
            type="button"
            className="icon-button"
            aria-label={`Colour theme: ${theme}. Switch to ${NEXT_THEME[theme]}`}
            title={`Theme: ${theme}`}
            onClick={() => setTheme(NEXT_THEME[theme])}
            data-testid="theme-toggle"
          >
            <Icon name={THEME_ICON[theme]} />
          </button>
          <span className="muted">{user.username}</span>
          <button type="button" onClick={onSignOut}>
            <Icon name="signOut" /> Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
