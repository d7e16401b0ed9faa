// `forensic rules`: list the rule catalog, or explain one rule (by id) or every rule of one cause.
import { CATALOG, CAUSES, NEEDS, STEP_TITLES, type Rule } from '../../rules/index.ts';

export interface RulesOptions {
  format: 'text' | 'json';
}

function meta(r: Rule) {
  return { id: r.id, step: r.step, severity: r.severity, cause: r.cause, title: r.title, fix: r.fix, docs: r.docs, needs: r.needs, consequence_of: r.consequenceOf ?? [] };
}

function table(rules: readonly Rule[]): string {
  const rows = rules.map((r) => [r.id, String(r.step), r.severity, r.cause, r.title]);
  const head = ['ID', 'STEP', 'SEVERITY', 'CAUSE', 'TITLE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return `${[line(head), ...rows.map(line)].join('\n')}\n\n${rules.length} rules. Explain one with \`forensic rules <id>\`.\n`;
}

function explain(r: Rule): string {
  const lines = [
    `${r.id}  ${r.title}`,
    '',
    `  cause:          ${r.cause}`,
    `  step:           ${r.step} (${STEP_TITLES[r.step] ?? '?'})`,
    `  severity:       ${r.severity}`,
    `  needs:          ${r.needs.length ? r.needs.map((n) => `${n} (${NEEDS[n].label.replace(/^no /, '')})`).join(', ') : 'nothing'}`,
  ];
  if (r.consequenceOf?.length) lines.push(`  consequence of: ${r.consequenceOf.join(', ')} (grouped under those causes when they are found)`);
  lines.push(`  fix:            ${r.fix}`, `  docs:           ${r.docs}`);
  return `${lines.join('\n')}\n`;
}

/** List the catalog, or explain the rule with this id or every rule of this cause. Exit 2 for an unknown id. */
export async function rulesCommand(id: string | undefined, o: RulesOptions): Promise<number> {
  if (!id) {
    process.stdout.write(o.format === 'json' ? `${JSON.stringify(CATALOG.map(meta), null, 2)}\n` : table(CATALOG));
    return 0;
  }
  const key = id.trim();
  const byId = CATALOG.filter((r) => r.id.toLowerCase() === key.toLowerCase());
  const picked = byId.length ? byId : key in CAUSES ? CATALOG.filter((r) => r.cause === key) : [];
  if (picked.length === 0) {
    process.stderr.write(`forensic: no rule or cause "${key}"; run \`forensic rules\` to list them\n`);
    return 2;
  }
  process.stdout.write(o.format === 'json' ? `${JSON.stringify(byId.length ? meta(picked[0]!) : picked.map(meta), null, 2)}\n` : picked.map(explain).join('\n'));
  return 0;
}
