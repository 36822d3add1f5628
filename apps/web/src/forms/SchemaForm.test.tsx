import { buildScope, type ProvisioningEvent } from '@scimflow/flow';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import { httpNode, triggerNode } from '../test/fixtures.js';
import { FormEnvironmentContext, type FormEnvironment } from './FormContext.js';
import { SchemaForm } from './SchemaForm.js';

const event: ProvisioningEvent = {
  id: 'evt-1',
  type: 'user.created',
  endpoint: 'default',
  dialect: 'asgardeo-scim2',
  acceptedAt: '2026-01-01T00:00:00.000Z',
  resourceType: 'User',
  resourceId: 'u-1',
  user: { userName: 'ada@example.com', name: { givenName: 'Ada', familyName: 'Lovelace' } },
  before: null,
  after: null,
  changes: [],
};

/** Renders a form over local state, the way the config panel keeps a node's config. */
function Harness({
  schema,
  initial = {},
  environment,
}: {
  schema: typeof httpNode.config | typeof triggerNode.config;
  initial?: Record<string, unknown>;
  environment?: Partial<FormEnvironment>;
}) {
  const [value, setValue] = useState<Record<string, unknown>>(initial);
  const full: FormEnvironment = {
    previewScope: null,
    listExtraFields: () => [],
    problems: {},
    idPrefix: 'test',
    ...environment,
  };
  return (
    <FormEnvironmentContext.Provider value={full}>
      <SchemaForm
        schema={schema}
        value={value}
        onFieldChange={(key, next) => {
          const updated = { ...value };
          if (next === undefined) delete updated[key];
          else updated[key] = next;
          setValue(updated);
        }}
      />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </FormEnvironmentContext.Provider>
  );
}

const currentValue = () =>
  JSON.parse(screen.getByTestId('value').textContent ?? '{}') as Record<string, unknown>;

describe('SchemaForm', () => {
  it('renders a labelled control per field', () => {
    render(<Harness schema={httpNode.config} />);
    expect(screen.getByLabelText(/^URL/)).toBeInstanceOf(HTMLInputElement);
    expect(screen.getByLabelText(/^Method/)).toBeInstanceOf(HTMLSelectElement);
    expect(screen.getByLabelText('Follow redirects')).toBeChecked();
    expect(screen.getByText('Where to send the request.')).toBeInTheDocument();
  });

  it('hides advanced fields until asked', async () => {
    render(<Harness schema={httpNode.config} />);
    expect(screen.queryByLabelText(/Timeout/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /advanced settings/ }));
    expect(screen.getByLabelText(/Timeout/)).toBeInTheDocument();
  });

  it('writes typed values into the config', async () => {
    render(<Harness schema={httpNode.config} />);
    await userEvent.type(screen.getByLabelText(/^URL/), 'https://api.example.test/users');
    await userEvent.selectOptions(screen.getByLabelText(/^Method/), 'PUT');
    await userEvent.click(screen.getByLabelText('Follow redirects'));

    expect(currentValue()).toEqual({
      url: 'https://api.example.test/users',
      method: 'PUT',
      followRedirects: false,
    });
  });

  it('edits an enum array as checkboxes', async () => {
    render(<Harness schema={triggerNode.config} initial={{ events: ['user.created'] }} />);
    await userEvent.click(screen.getByLabelText('user.deleted'));
    expect(currentValue()).toEqual({ events: ['user.created', 'user.deleted'] });
  });

  it('adds record entries and array items', async () => {
    render(<Harness schema={httpNode.config} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add headers entry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    expect(currentValue()).toEqual({ headers: { key1: '' }, tags: [''] });
  });

  it('shows problems under their field', () => {
    render(
      <Harness
        schema={httpNode.config}
        environment={{ problems: { url: ['Invalid URL: use https://…'] } }}
      />,
    );
    const field = screen.getByTestId('field-url');
    expect(within(field).getByText('Invalid URL: use https://…')).toBeInTheDocument();
    expect(screen.getByLabelText(/^URL/)).toHaveAccessibleDescription(/Invalid URL/);
  });

  it('inserts a picked SCIM attribute as a template', async () => {
    render(<Harness schema={httpNode.config} initial={{ url: 'https://x.test/' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Insert a field into URL' }));
    const picker = screen.getByTestId('field-picker');
    await userEvent.type(within(picker).getByRole('searchbox'), 'givenName');
    await userEvent.click(within(picker).getAllByRole('button', { name: /name\.givenName/ })[0]!);

    expect(currentValue()).toEqual({ url: 'https://x.test/{{ user.name.givenName }}' });
    expect(screen.queryByTestId('field-picker')).toBeNull();
  });

  it('offers upstream step outputs in the picker', async () => {
    const extraFields = [
      {
        expression: 'steps.lookup.output',
        label: 'Lookup (lookup)',
        type: 'output',
        description: 'Output of lookup.',
        group: 'Steps',
      },
    ];
    render(
      <Harness schema={httpNode.config} environment={{ listExtraFields: () => extraFields }} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Insert a field into URL' }));
    expect(
      within(screen.getByTestId('field-picker')).getByRole('region', { name: 'Steps' }),
    ).toHaveTextContent('Lookup (lookup)');
  });

  it('previews a template against the sample event', async () => {
    render(
      <Harness
        schema={httpNode.config}
        initial={{ url: 'https://x.test/{{ user.name.givenName }}' }}
        environment={{ previewScope: buildScope(event) }}
      />,
    );
    await waitFor(() =>
      expect(screen.getByTestId('expression-preview')).toHaveTextContent('https://x.test/Ada'),
    );
  });

  it('shows an expression error in the preview', async () => {
    render(
      <Harness
        schema={httpNode.config}
        initial={{ url: '{{ user.name.( }}' }}
        environment={{ previewScope: buildScope(event) }}
      />,
    );
    await waitFor(() =>
      expect(screen.getByTestId('expression-preview')).toHaveClass('preview-error'),
    );
  });
});
