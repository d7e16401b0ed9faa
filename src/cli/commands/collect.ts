// `forensic collect`: placeholder until the collector lands.
import { ForensicError } from '../../ingest/index.ts';

export async function collectCommand(_o: Record<string, unknown>): Promise<number> {
  throw new ForensicError('internal', 'forensic collect is not implemented yet');
}
