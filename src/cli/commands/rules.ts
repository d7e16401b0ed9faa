// `forensic rules`: placeholder until the catalog lands.
import { ForensicError } from '../../ingest/index.ts';

export async function rulesCommand(_id: string | undefined, _o: { format: 'text' | 'json' }): Promise<number> {
  throw new ForensicError('internal', 'forensic rules is not implemented yet');
}
