import { describe, expect, it } from 'vitest';
import { allowedServerError, serverErrorBreakdown, unexpectedServerErrors, type AllowedServerError } from './decide-server-errors';

const allowed: AllowedServerError[] = [{ endpoint: /^action (?:a|b)$/, kind: /^body null$/, why: 'a test entry' }];

describe('server errors in the malformed-request sweep', () => {
  it('fails every 5xx that no entry allows, and never a 4xx', () => {
    const answers = [
      { endpoint: 'action a', kind: 'body null', status: 500 },
      { endpoint: 'action c', kind: 'body null', status: 500 },
      { endpoint: 'action a', kind: 'body empty', status: 500 },
      { endpoint: '/[section]', kind: 'odd "%ZZ"', status: 502 },
      { endpoint: 'action c', kind: 'body null', status: 400 },
    ];
    expect(unexpectedServerErrors(answers, allowed)).toEqual([answers[1], answers[2], answers[3]]);
    expect(allowedServerError(answers[4]!, allowed)).toBeUndefined();
  });

  it('allows nothing by default', () => {
    expect(unexpectedServerErrors([{ endpoint: '/[section]', kind: 'odd "%ZZ"', status: 500 }])).toHaveLength(1);
    expect(unexpectedServerErrors([{ endpoint: 'action loginAction', kind: 'body null', status: 500 }])).toHaveLength(1);
    expect(unexpectedServerErrors([{ endpoint: 'action createSectionAction', kind: 'body null', status: 500 }])).toHaveLength(1);
  });

  it('counts 5xx answers by status and kind, naming the endpoints', () => {
    const breakdown = serverErrorBreakdown(
      [
        { endpoint: 'action b', kind: 'body null', status: 500 },
        { endpoint: 'action a', kind: 'body null', status: 500 },
        { endpoint: 'action a', kind: 'body null', status: 500 },
        { endpoint: '/x', kind: 'odd "%ZZ"', status: 500 },
        { endpoint: '/x', kind: 'odd "%ZZ"', status: 404 },
      ],
      allowed,
    );
    expect(breakdown).toEqual([
      [3, '500 body null (allowed) at 2 endpoints: action a, action b'],
      [1, '500 odd "%ZZ" (not allowed) at 1 endpoint: /x'],
    ]);
  });
});
