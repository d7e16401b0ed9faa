// CSV export of `audit_events` (psql `\copy … CSV HEADER`, sqlite3 `.mode csv`): RFC 4180 quoting,
// including quoted fields that span lines.
import type { FileFormat, FileHead, LineParser, ParseContext } from '../../../format.ts';
import { AUDIT_COLUMNS, auditRecord } from './row.ts';

/** The columns of a header line when it is an audit_events header, else null. */
export function auditHeader(line: string): string[] | null {
  const cols = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (!cols.includes('action')) return null;
  const known = cols.filter((c) => (AUDIT_COLUMNS as readonly string[]).includes(c)).length;
  return known >= 4 ? cols : null;
}

/** Line parser that reassembles quoted multi-line fields and maps rows onto the header. */
export function openAuditCsv(ctx: ParseContext): LineParser {
  let header: string[] | null = null;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let isFieldStart = true;
  let rowLine = 0;
  let rowOffset = 0;

  const row = (values: string[]) => {
    if (!header) {
      header = auditHeader(values.join(','));
      if (!header) ctx.problem(rowLine, 'audit: CSV header lacks the audit_events columns');
      return;
    }
    if (values.length > header.length) {
      ctx.problem(rowLine, `audit: CSV row has ${values.length} fields, the header ${header.length}`);
      return;
    }
    const obj: Record<string, string> = {};
    header.forEach((name, i) => (obj[name] = values[i] ?? ''));
    ctx.emit(auditRecord(obj, ctx.path, rowLine, rowOffset));
  };

  return {
    line(text, lineNo, offset) {
      if (inQuotes) field += '\n';
      else {
        if (text === '') return;
        rowLine = lineNo;
        rowOffset = offset;
        isFieldStart = true;
      }
      let i = 0;
      for (;;) {
        if (inQuotes) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            field += text.slice(i); // the quoted field goes on on the next line
            return;
          }
          if (text.charCodeAt(q + 1) === 0x22) {
            field += text.slice(i, q + 1);
            i = q + 2;
          } else {
            field += text.slice(i, q);
            inQuotes = false;
            i = q + 1;
          }
          continue;
        }
        if (isFieldStart && text.charCodeAt(i) === 0x22) {
          inQuotes = true;
          isFieldStart = false;
          i++;
          continue;
        }
        // Unquoted text (or text after a closing quote) up to the next comma is kept literally.
        const comma = text.indexOf(',', i);
        field += text.slice(i, comma === -1 ? text.length : comma);
        fields.push(field);
        field = '';
        if (comma === -1) break;
        isFieldStart = true;
        i = comma + 1;
      }
      const values = fields;
      fields = [];
      row(values);
    },
    end() {
      if (inQuotes) ctx.problem(rowLine, 'audit: CSV quoted field not closed at end of file');
    },
  };
}

/** Confident when the first line is an audit_events CSV header. */
export function sniffAuditCsv(head: FileHead): number {
  const first = head.lines.find((l) => l.trim() !== '');
  return first !== undefined && auditHeader(first) !== null ? 0.95 : 0;
}

/** CSV export of audit_events. */
export const auditCsvFormat: FileFormat = {
  id: 'audit-csv',
  kind: 'audit',
  mode: 'lines',
  sniff: sniffAuditCsv,
  openLines: (ctx) => openAuditCsv(ctx),
};
