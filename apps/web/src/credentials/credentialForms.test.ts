import { describe, expect, it } from 'vitest';

import { CREDENTIAL_FORMS, credentialForm, credentialPayload } from './credentialForms.js';

describe('credential forms', () => {
  it('covers every credential type', () => {
    expect(CREDENTIAL_FORMS.map((form) => form.type).sort()).toEqual([
      'github.app',
      'github.token',
      'google.serviceAccount',
      'http.basic',
      'http.bearer',
      'http.header',
    ]);
  });

  it.each([
    ['github.token', ['token']],
    ['github.app', ['privateKey']],
    ['google.serviceAccount', ['serviceAccountKey']],
    ['http.basic', ['password']],
    ['http.header', ['value']],
  ])('marks the secret fields of %s', (type, secrets) => {
    const form = credentialForm(type);
    expect(form?.fields.filter((input) => input.secret).map((input) => input.key)).toEqual(secrets);
  });

  it('omits empty secrets so stored ones stay', () => {
    const form = credentialForm('http.basic')!;
    expect(credentialPayload(form, { username: 'svc', password: '' })).toEqual({ username: 'svc' });
    expect(credentialPayload(form, { username: 'svc', password: 'new' })).toEqual({
      username: 'svc',
      password: 'new',
    });
  });

  it('uses multiline inputs for keys', () => {
    const key = credentialForm('google.serviceAccount')?.fields.find(
      (input) => input.key === 'serviceAccountKey',
    );
    expect(key?.multiline).toBe(true);
  });
});
