// `psql` aligned output of `SELECT * FROM audit_events` (header, dashed rule, `|`-separated rows, `(N rows)`).
import type { FileFormat, FileHead, LineParser, ParseContext } from '../../../format.ts';
import { auditRecord } from './row.ts';

const RULE = /^-+(?:\+-+)+$/;
const FOOTER = /^\(\d+ rows?\)$/;

function cells(line: string): string[] {
  return line.split('|').map((c) => c.trim());
}

/** Line parser for psql's aligned table output. */
export function openAuditPsql(ctx: ParseContext): LineParser {
  let header: string[] | null = null;
  return {
    line(text, lineNo, offset) {
      const t = text.trim();
      if (t === '' || FOOTER.test(t) || RULE.test(t)) return;
      if (!header) {
        header = cells(t).map((c) => c.toLowerCase());
        return;
      }
      let values = cells(text);
      const detailAt = header.indexOf('detail');
      // A `|` inside detail splits it: glue the extra cells back into detail.
      if (values.length > header.length && detailAt !== -1) {
        const extra = values.length - header.length;
        values = [...values.slice(0, detailAt), values.slice(detailAt, detailAt + extra + 1).join(' | '), ...values.slice(detailAt + extra + 1)];
      }
      if (values.length !== header.length) {
        ctx.problem(lineNo, `audit: psql row has ${values.length} cells, the header ${header.length}`);
        return;
      }
      const obj: Record<string, string> = {};
      header.forEach((name, i) => (obj[name] = values[i]!));
      ctx.emit(auditRecord(obj, ctx.path, lineNo, offset));
    },
    end() {},
  };
}

/** Confident on an audit_events header followed by psql's dashed rule. */
export function sniffAuditPsql(head: FileHead): number {
  const lines = head.lines.filter((l) => l.trim() !== '');
  if (lines.length < 2 || !RULE.test(lines[1]!.trim())) return 0;
  const cols = cells(lines[0]!).map((c) => c.toLowerCase());
  return cols.includes('action') && cols.includes('created_at') ? 0.95 : 0;
}

/** psql aligned output of audit_events. */
export const auditPsqlFormat: FileFormat = {
  id: 'audit-psql',
  kind: 'audit',
  mode: 'lines',
  sniff: sniffAuditPsql,
  openLines: (ctx) => openAuditPsql(ctx),
};
