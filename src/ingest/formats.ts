// Every file format the reader can sniff, specific before generic.
import type { FileFormat } from './format.ts';
import { docFormats } from './parsers/docs/index.ts';
import { logFormats } from './parsers/log/index.ts';

/** All registered formats. Documents/metrics/audit first: they are more specific than logs. */
export function allFormats(): FileFormat[] {
  return [...docFormats, ...logFormats];
}
