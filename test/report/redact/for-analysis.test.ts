// The redactor an analysis hands to its outputs: own and in-cluster hosts pseudonymized for
// reports, both kept readable for local analyze output; secrets and identities replaced in both.
import { describe, expect, it } from 'vitest';
import { redactorFor } from '../../../src/report/index.ts';
import { fixtureAnalysis, fixtureModel } from '../fixtures.ts';

const LINE = 'storage ping failed: dial tcp pg-primary.db.svc:5432 for https://auth.acme-corp.io/oauth/token by alice@acme-corp.io';

describe('redactorFor', () => {
  it('pseudonymizes the issuer host and in-cluster hosts in a report', async () => {
    const r = await redactorFor(fixtureModel(), fixtureAnalysis(), LINE);
    expect(r.text(LINE)).toMatch(/^storage ping failed: dial tcp host-[0-9a-f]{4}\.invalid:5432 for https:\/\/host-[0-9a-f]{4}\.invalid\/oauth\/token by user#[0-9a-f]{4}@example\.invalid$/);
  });

  it('keeps both hosts readable for local output, and still pseudonymizes the email', async () => {
    const r = await redactorFor(fixtureModel(), fixtureAnalysis(), LINE, { ownHosts: false });
    expect(r.text(LINE)).toMatch(/^storage ping failed: dial tcp pg-primary\.db\.svc:5432 for https:\/\/auth\.acme-corp\.io\/oauth\/token by user#[0-9a-f]{4}@example\.invalid$/);
  });
});
