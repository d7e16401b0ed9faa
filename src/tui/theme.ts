// Colours for statuses and severities, and the marks that carry the same meaning without colour.
import type { Level } from '../ingest/index.ts';
import type { Severity, StepStatus } from '../rules/index.ts';

export const STATUS_MARK: Record<StepStatus, string> = { pass: '✔', warn: '!', fail: '✘', unknown: '?' };
export const STATUS_COLOR: Record<StepStatus, string> = { pass: 'green', warn: 'yellow', fail: 'red', unknown: 'gray' };
export const SEVERITY_COLOR: Record<Severity, string> = { error: 'red', warning: 'yellow', info: 'cyan' };
export const LEVEL_COLOR: Record<Level, string> = { DEBUG: 'gray', INFO: 'white', WARN: 'yellow', ERROR: 'red' };
export const OUTCOME_COLOR: Record<string, string> = { 'server-error': 'red', denied: 'red', 'client-error': 'yellow', ok: 'green', unknown: 'gray' };
