import type { FastifyInstance, FastifyReply } from 'fastify';

function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function table(title: string, headers: string[], rows: unknown[][]): string {
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body =
    rows.length === 0
      ? `<tr><td colspan="${headers.length}"><em>none</em></td></tr>`
      : rows
          .map(
            (row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell ?? '')}</td>`).join('')}</tr>`,
          )
          .join('');
  return `<h2>${escapeHtml(title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

interface PageState {
  github: {
    login: string;
    members: Record<string, string>;
    invitations: {
      id: number;
      login: string | null;
      email: string | null;
      role: string;
      teamSlugs: string[];
    }[];
    teams: { slug: string; members: Record<string, string> }[];
  }[];
  google: {
    users: Record<string, unknown>[];
    spreadsheets: { title: string; sheets: { title: string; rows: unknown[][] }[] }[];
  };
}

function renderPage(state: PageState): string {
  const sections: string[] = [];
  for (const org of state.github) {
    sections.push(
      table(
        `GitHub ${org.login}: pending invitations`,
        ['id', 'login', 'email', 'role', 'teams'],
        org.invitations.map((value) => [
          value.id,
          value.login,
          value.email,
          value.role,
          value.teamSlugs.join(', '),
        ]),
      ),
      table(`GitHub ${org.login}: members`, ['login', 'role'], Object.entries(org.members)),
      table(
        `GitHub ${org.login}: teams`,
        ['team', 'members'],
        org.teams.map((team) => [team.slug, Object.keys(team.members).join(', ')]),
      ),
    );
  }

  sections.push(
    table(
      'Google Workspace users',
      ['primaryEmail', 'name', 'orgUnitPath', 'suspended'],
      state.google.users.map((user) => [
        user.primaryEmail,
        (user.name as { fullName?: string }).fullName,
        user.orgUnitPath,
        user.suspended,
      ]),
    ),
  );

  for (const spreadsheet of state.google.spreadsheets) {
    for (const sheet of spreadsheet.sheets) {
      const width = Math.max(0, ...sheet.rows.map((row) => row.length));
      const headers = Array.from({ length: width }, (_, index) =>
        String.fromCharCode(65 + (index % 26)),
      );
      sections.push(
        table(
          `Sheet ${spreadsheet.title} / ${sheet.title}`,
          ['row', ...headers],
          sheet.rows.map((row, index) => [index + 1, ...row]),
        ),
      );
    }
  }

  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>ScimFlow test servers</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>
</head><body><h1>ScimFlow test servers</h1><p>Read-only; refreshes every 3 seconds. JSON: <a href="/__control/state">/__control/state</a>.</p>
${sections.join('\n')}</body></html>`;
}

/** Registers `GET /` and `GET /__control/` with a read-only HTML view of the state. */
export function registerStatePage(app: FastifyInstance, state: () => unknown): void {
  const handler = async (_request: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(renderPage(state() as PageState));
  app.get('/', handler);
  app.get('/__control/', handler);
}
