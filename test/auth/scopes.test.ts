import { describe, expect, it } from 'vitest';

import { DEFAULT_SCOPES, checkScopes } from '../../src/auth/scopes.js';
import { useAuthHarness } from './harness.js';

const start = useAuthHarness();

describe('checkScopes', () => {
  it('finds nothing missing in the default grant', () => {
    expect(checkScopes(DEFAULT_SCOPES)).toEqual({
      missingScopes: [],
      hiddenCategories: [],
      canPoll: true,
    });
  });

  it('names the device categories a grant hides, and whether it can poll at all', () => {
    const granted = DEFAULT_SCOPES.filter(
      (scope) => scope !== 'data-api-chargers-read' && scope !== 'offline_access',
    );

    expect(checkScopes(granted)).toEqual({
      missingScopes: ['offline_access', 'data-api-chargers-read'],
      hiddenCategories: ['chargers'],
      canPoll: false,
    });
  });

  it('reports what the user actually consented to', async () => {
    const grantable = DEFAULT_SCOPES.filter((scope) => scope !== 'data-api-vehicles-read');
    const { manager, signIn } = await start({ server: { grantableScopes: grantable } });

    await signIn();

    expect(await manager.scopeReport()).toEqual({
      missingScopes: ['data-api-vehicles-read'],
      hiddenCategories: ['vehicles'],
      canPoll: true,
    });
  });
});
