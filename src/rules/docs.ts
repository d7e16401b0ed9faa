// AuthPlane documentation pages the rules point to (paths in AuthPlane/authserver's docs/).

const BASE = 'https://github.com/authplane/authserver/blob/main/docs';

export const DOCS = {
  checklist: `${BASE}/guides/operate/debugging-checklist.md`,
  incidentRunbook: `${BASE}/guides/operate/incident-runbook.md`,
  keyRotation: `${BASE}/guides/operate/key-rotation.md`,
  tokenDesign: `${BASE}/guides/operate/token-design-internals.md`,
  auditForensics: `${BASE}/guides/operate/audit-and-forensics.md`,
  debugging401s: `${BASE}/guides/integrate/debugging-401s.md`,
  connectMcpServer: `${BASE}/guides/integrate/connect-mcp-server.md`,
  sdkResourceServer: `${BASE}/guides/integrate/sdk-resource-server.md`,
  observability: `${BASE}/guides/deploy/observability-prometheus-otel.md`,
  systemd: `${BASE}/guides/deploy/systemd.md`,
  dockerCompose: `${BASE}/guides/deploy/docker-compose.md`,
  backupPurge: `${BASE}/guides/deploy/backup-and-purge.md`,
  vaultTransit: `${BASE}/guides/deploy/hashicorp-vault-transit.md`,
  hardened: `${BASE}/guides/deploy/hardened-deployment.md`,
  envVars: `${BASE}/reference/env-vars.md`,
  errorCodes: `${BASE}/reference/error-codes.md`,
  metrics: `${BASE}/reference/metrics.md`,
  auditEvents: `${BASE}/reference/audit-events.md`,
  mcpClients: `${BASE}/reference/mcp-client-compatibility.md`,
  dpop: `${BASE}/concepts/dpop-and-proof-of-possession.md`,
} as const;
