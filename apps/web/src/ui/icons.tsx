import type { ReactElement, SVGProps } from 'react';

// Inline 24x24 stroke icons, so the designer ships no icon font and works offline.
const PATHS: Record<string, ReactElement> = {
  bolt: <path d="M13 2 4 14h7l-1 8 9-12h-7z" />,
  branch: (
    <>
      <circle cx="6" cy="5" r="2" />
      <circle cx="6" cy="19" r="2" />
      <circle cx="18" cy="8" r="2" />
      <path d="M6 7v10M18 10c0 4-6 3-11 7" />
    </>
  ),
  switch: <path d="M4 12h6l4-6h6M14 12h6M10 12l4 6h6" />,
  globe: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18" />
    </>
  ),
  github: (
    <path d="M9 19c-4 1.5-4-2-6-2.5m12 5V18a3 3 0 0 0-1-2.5c3 0 6-1.5 6-6a4.6 4.6 0 0 0-1.3-3.2 4.2 4.2 0 0 0-.1-3.2s-1-.3-3.4 1.3a11.6 11.6 0 0 0-6 0C6.8 2.8 5.8 3.1 5.8 3.1a4.2 4.2 0 0 0-.1 3.2A4.6 4.6 0 0 0 4.4 9.5c0 4.5 3 6 6 6a3 3 0 0 0-1 2.5v3.5" />
  ),
  google: (
    <path d="M20 12.2c0-.7-.1-1.3-.2-1.9H12v3.6h4.5a4 4 0 0 1-1.7 2.6v2.2h2.8c1.6-1.5 2.4-3.7 2.4-6.5zM12 21c2.3 0 4.3-.8 5.6-2.1l-2.8-2.2a5.3 5.3 0 0 1-7.9-2.8H4v2.3A9 9 0 0 0 12 21zM6.9 13.9a5.4 5.4 0 0 1 0-3.5V8.1H4a9 9 0 0 0 0 8.1zM12 6.6c1.3 0 2.5.5 3.4 1.3l2.5-2.5A9 9 0 0 0 4 8.1l2.9 2.3A5.3 5.3 0 0 1 12 6.6z" />
  ),
  sheet: (
    <>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M4 9h16M4 15h16M10 3v18" />
    </>
  ),
  user: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4 4-6 8-6s8 2 8 6" />
    </>
  ),
  users: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5c2.5.5 4 2.3 4 5.5" />
    </>
  ),
  code: <path d="m8 7-5 5 5 5M16 7l5 5-5 5" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 3" />
    </>
  ),
  plus: <path d="M12 5v14M5 12h14" />,
  trash: <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" />,
  copy: (
    <>
      <rect x="8" y="8" width="12" height="12" rx="2" />
      <path d="M16 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3" />
    </>
  ),
  undo: <path d="M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />,
  redo: <path d="m15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />,
  layout: (
    <>
      <rect x="3" y="3" width="7" height="5" rx="1" />
      <rect x="14" y="10" width="7" height="5" rx="1" />
      <rect x="3" y="16" width="7" height="5" rx="1" />
      <path d="M10 5.5h2v13h-2M12 12.5h2" />
    </>
  ),
  play: <path d="M7 4v16l13-8z" />,
  upload: <path d="M12 16V4M7 9l5-5 5 5M4 20h16" />,
  download: <path d="M12 4v12M7 11l5 5 5-5M4 20h16" />,
  help: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01" />
    </>
  ),
  warning: <path d="M12 3 2 21h20zM12 10v5M12 18h.01" />,
  error: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M15 9l-6 6M9 9l6 6" />
    </>
  ),
  check: <path d="m5 12 5 5 9-10" />,
  key: (
    <>
      <circle cx="8" cy="15" r="4" />
      <path d="m11 12 9-9M17 6l3 3M15 8l2 2" />
    </>
  ),
  link: (
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  ),
  list: <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" />,
  moon: <path d="M21 13A9 9 0 1 1 11 3a7 7 0 0 0 10 10z" />,
  sun: (
    <>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M2 12h2M20 12h2M5 5l1.5 1.5M17.5 17.5 19 19M5 19l1.5-1.5M17.5 6.5 19 5" />
    </>
  ),
  signOut: <path d="M15 4h4v16h-4M10 8l-4 4 4 4M6 12h11" />,
  search: (
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-4-4" />
    </>
  ),
  save: <path d="M5 3h11l3 3v15H5zM8 3v5h7M8 21v-7h8v7" />,
  refresh: <path d="M20 11a8 8 0 0 0-14.9-3M4 4v4h4M4 13a8 8 0 0 0 14.9 3M20 20v-4h-4" />,
  x: <path d="M6 6l12 12M18 6 6 18" />,
  flow: (
    <>
      <rect x="3" y="4" width="6" height="5" rx="1" />
      <rect x="15" y="15" width="6" height="5" rx="1" />
      <path d="M6 9v4a2 2 0 0 0 2 2h7" />
    </>
  ),
  fit: <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />,
  braces: (
    <path d="M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5a2 2 0 0 0 2 2h1M16 3h1a2 2 0 0 1 2 2v5a2 2 0 0 0 2 2 2 2 0 0 0-2 2v5a2 2 0 0 1-2 2h-1" />
  ),
  scrollText: (
    <path d="M15 12H9M15 8H9M19 17V5a2 2 0 0 0-2-2H4M8 21h12a2 2 0 0 0 2-2v-1a1 1 0 0 0-1-1H11a1 1 0 0 0-1 1v1a2 2 0 1 1-4 0V5a2 2 0 1 0-4 0v2a1 1 0 0 0 1 1h3" />
  ),
  octagonX: (
    <>
      <path d="M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9z" />
      <path d="m15 9-6 6M9 9l6 6" />
    </>
  ),
};

// Names that node definitions use (Lucide's names) mapped to the shapes above.
const ALIASES: Record<string, string> = {
  zap: 'bolt',
  'git-branch': 'branch',
  split: 'switch',
  sheets: 'sheet',
  'scroll-text': 'scrollText',
  'octagon-x': 'octagonX',
};

export type IconName = keyof typeof PATHS;

/** Icon names in the set, including the aliases that node definitions use. */
export const ICON_NAMES = [...Object.keys(PATHS), ...Object.keys(ALIASES)];

interface IconProps extends SVGProps<SVGSVGElement> {
  /** An icon name; unknown names draw a neutral square, so a new node type still renders. */
  name: string;
  size?: number;
  /** Accessible name; icons without one are hidden from assistive technology. */
  title?: string;
}

/** Draws one icon of the set. */
export function Icon({ name, size = 16, title, ...rest }: IconProps) {
  const shape = PATHS[ALIASES[name] ?? name] ?? <rect x="5" y="5" width="14" height="14" rx="3" />;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={title ? 'img' : undefined}
      aria-label={title}
      aria-hidden={title ? undefined : true}
      focusable="false"
      {...rest}
    >
      {shape}
    </svg>
  );
}
