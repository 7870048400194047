import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/** Models whose records belong to a grant and are revoked together with it. */
const GRANT_MEMBERS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/**
 * A storage adapter for one provider instance.
 *
 * oidc-provider's built-in memory adapter keeps a process-wide store and prints a warning; this
 * one is private to a harness, so two harnesses in one test file never see each other's tokens.
 * Records are copied in and out, as a database would. Expiry is left to the provider: its models
 * check `exp` themselves on every load, with the (possibly faked) clock.
 */
export function createMemoryAdapter(): AdapterFactory {
  const records = new Map<string, AdapterPayload>();
  const sessionIdByUid = new Map<string, string>();
  const idByUserCode = new Map<string, string>();
  const membersByGrant = new Map<string, Set<string>>();

  const load = (key: string | undefined): Promise<AdapterPayload | undefined> => {
    const payload = key === undefined ? undefined : records.get(key);
    return Promise.resolve(payload === undefined ? undefined : structuredClone(payload));
  };

  return (model: string): Adapter => {
    const keyOf = (id: string): string => `${model}:${id}`;
    const keyOfIndexed = (id: string | undefined): string | undefined =>
      id === undefined ? undefined : keyOf(id);

    return {
      upsert(id, payload) {
        const key = keyOf(id);
        records.set(key, structuredClone(payload));
        if (model === 'Session' && payload.uid !== undefined) {
          sessionIdByUid.set(payload.uid, id);
        }
        if (payload.userCode !== undefined) {
          idByUserCode.set(payload.userCode, id);
        }
        if (GRANT_MEMBERS.has(model) && payload.grantId !== undefined) {
          const members = membersByGrant.get(payload.grantId) ?? new Set<string>();
          members.add(key);
          membersByGrant.set(payload.grantId, members);
        }
        return Promise.resolve();
      },
      find(id) {
        return load(keyOf(id));
      },
      findByUid(uid) {
        return load(keyOfIndexed(sessionIdByUid.get(uid)));
      },
      findByUserCode(userCode) {
        return load(keyOfIndexed(idByUserCode.get(userCode)));
      },
      consume(id) {
        const payload = records.get(keyOf(id));
        if (payload !== undefined) {
          payload.consumed = Math.floor(Date.now() / 1000);
        }
        return Promise.resolve();
      },
      destroy(id) {
        records.delete(keyOf(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        for (const key of membersByGrant.get(grantId) ?? []) {
          records.delete(key);
        }
        membersByGrant.delete(grantId);
        return Promise.resolve();
      },
    };
  };
}
