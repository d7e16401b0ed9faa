// `forensic token`: placeholder until the offline token check lands.
import { ForensicError } from '../../ingest/index.ts';

export interface TokenOptions { bundle?: string; jwks?: string; resource?: string; issuer?: string; at?: string; format: 'text' | 'json' }

export async function tokenCommand(_jwt: string, _o: TokenOptions): Promise<number> {
  throw new ForensicError('internal', 'forensic token is not implemented yet');
}
