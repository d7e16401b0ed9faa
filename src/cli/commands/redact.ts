// `forensic redact`: placeholder until the redacted-bundle writer lands.
import { ForensicError } from '../../ingest/index.ts';

export interface RedactOptions { output: string; progress: boolean }

export async function redactCommand(_bundle: string, _o: RedactOptions): Promise<number> {
  throw new ForensicError('internal', 'forensic redact is not implemented yet');
}
