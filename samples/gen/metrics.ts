// Per-instance metric recorder and the Prometheus text writer, shaped like the OTel Go Prometheus exporter
// (target_info, otel_scope_* labels, sorted labels, `le` last, the latencyBuckets of authserver).

type Labels = Record<string, string>;

/** authserver's latencyBuckets (seconds). */
export const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SCOPE = { otel_scope_name: 'github.com/authplane/authserver/internal/observability', otel_scope_version: '' };

interface Series {
  name: string;
  labels: Labels;
  /** (time, amount) increments, or (time, value) observations for histograms. */
  events: [number, number][];
  /** Whether the series existed before the sample hour (gets a history baseline). */
  baseline: boolean;
}

const HELP: Record<string, string> = {
  authserver_http_requests_total: 'Total HTTP requests',
  authserver_http_request_duration_seconds: 'HTTP request duration in seconds',
  authserver_tokens_issued_total: 'Total tokens issued',
  authserver_token_issuance_duration_seconds: 'Token issuance latency in seconds',
  authserver_auth_flow_duration_seconds: 'Authorization flow duration in seconds',
  authserver_db_operation_duration_seconds: 'Database operation latency in seconds',
};

function key(name: string, labels: Labels): string {
  return `${name}${JSON.stringify(Object.entries(labels).sort())}`;
}

function fmtNum(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(12)));
}

function labelText(labels: Labels): string {
  const parts = Object.keys(labels).sort().map((k) => `${k}="${labels[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Records one server's counters, gauges and histograms over the sample hour and writes scrapes of them. */
export class MetricsRecorder {
  private counters = new Map<string, Series>();
  private gauges = new Map<string, Series>();
  private hists = new Map<string, Series>();
  /** Process starts inside the hour (restarts reset counters). */
  starts: number[] = [];
  /** When false (`failed to setup metrics, using noop`), scrapes are empty. */
  enabled = true;
  /** Baselines are added while true (background phase). */
  history = true;

  constructor(
    private readonly uptimeHours: number,
    readonly target: Labels,
  ) {}

  private series(map: Map<string, Series>, name: string, labels: Labels): Series {
    const k = key(name, labels);
    let s = map.get(k);
    if (!s) {
      s = { name, labels, events: [], baseline: this.history };
      map.set(k, s);
    }
    return s;
  }

  /** Add n to a counter at time t. */
  inc(t: number, name: string, labels: Labels = {}, n = 1): void {
    this.series(this.counters, name, labels).events.push([t, n]);
  }

  /** Add a delta to an UpDownCounter gauge. */
  gauge(t: number, name: string, labels: Labels, delta: number): void {
    this.series(this.gauges, name, labels).events.push([t, delta]);
  }

  /** Record a histogram observation (seconds). */
  observe(t: number, name: string, labels: Labels, seconds: number): void {
    this.series(this.hists, name, labels).events.push([t, seconds]);
  }

  /** The process start in effect at time t (null: started before the hour). */
  private startBefore(t: number): number | null {
    let s: number | null = null;
    for (const st of this.starts) if (st <= t) s = st;
    return s;
  }

  private window(series: Series, t: number): { from: number; withBase: boolean } {
    const st = this.startBefore(t);
    return st === null ? { from: -Infinity, withBase: series.baseline } : { from: st, withBase: false };
  }

  /** Prometheus text exposition of the state at time t. */
  scrape(t: number): string {
    if (!this.enabled) return '';
    const out: string[] = [];
    out.push('# HELP target_info Target metadata', '# TYPE target_info gauge', `target_info${labelText(this.target)} 1`);
    const st = this.startBefore(t);
    const startSec = st === null ? Math.floor((t - this.uptimeHours * 3600_000) / 1000) : Math.floor(st / 1000);
    out.push('# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
      '# TYPE process_start_time_seconds gauge', `process_start_time_seconds ${startSec}`);
    out.push('# HELP go_goroutines Number of goroutines that currently exist.', '# TYPE go_goroutines gauge',
      `go_goroutines ${40 + Math.floor((t / 7919) % 23)}`);
    this.writeCounters(out, t);
    this.writeGauges(out, t);
    this.writeHists(out, t);
    return `${out.join('\n')}\n`;
  }

  private grouped(map: Map<string, Series>): Map<string, Series[]> {
    const by = new Map<string, Series[]>();
    for (const s of [...map.values()].sort((a, b) => key(a.name, a.labels).localeCompare(key(b.name, b.labels)))) {
      const list = by.get(s.name) ?? [];
      list.push(s);
      by.set(s.name, list);
    }
    return new Map([...by.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  private writeCounters(out: string[], t: number): void {
    for (const [name, list] of this.grouped(this.counters)) {
      const lines: string[] = [];
      for (const s of list) {
        const { from, withBase } = this.window(s, t);
        let v = 0;
        for (const [et, n] of s.events) if (et > from && et <= t) v += n;
        if (withBase) v += Math.round(s.events.length * this.uptimeHours * 1.7) + (s.events.length > 0 ? 3 : 0);
        if (v === 0 && !withBase && !s.events.some(([et]) => et > from && et <= t)) continue;
        lines.push(`${name}${labelText({ ...s.labels, ...SCOPE })} ${fmtNum(v)}`);
      }
      if (!lines.length) continue;
      out.push(`# HELP ${name} ${HELP[name] ?? name.replace(/_total$/, '').replace(/_/g, ' ')}`, `# TYPE ${name} counter`, ...lines);
    }
  }

  private writeGauges(out: string[], t: number): void {
    for (const [name, list] of this.grouped(this.gauges)) {
      out.push(`# HELP ${name} ${name.replace(/_/g, ' ')}`, `# TYPE ${name} gauge`);
      for (const s of list) {
        const { from, withBase } = this.window(s, t);
        let v = withBase ? 1200 : 0;
        for (const [et, n] of s.events) if (et > from && et <= t) v += n;
        out.push(`${name}${labelText({ ...s.labels, ...SCOPE })} ${fmtNum(v)}`);
      }
    }
  }

  private writeHists(out: string[], t: number): void {
    for (const [name, list] of this.grouped(this.hists)) {
      const lines: string[] = [];
      for (const s of list) {
        const { from, withBase } = this.window(s, t);
        const inWin = s.events.filter(([et]) => et > from && et <= t).map(([, v]) => v);
        const hist = withBase ? s.events.map(([, v]) => v) : [];
        const scale = withBase ? Math.round(this.uptimeHours * 1.7) : 0;
        if (!inWin.length && !scale) continue;
        const labels = { ...s.labels, ...SCOPE };
        let sum = 0;
        for (const v of inWin) sum += v;
        for (const v of hist) sum += v * scale;
        const count = inWin.length + hist.length * scale;
        for (const le of [...BUCKETS, Infinity]) {
          const n = inWin.filter((v) => v <= le).length + hist.filter((v) => v <= le).length * scale;
          lines.push(`${name}_bucket${labelText(labels).slice(0, -1)},le="${le === Infinity ? '+Inf' : le}"} ${n}`);
        }
        lines.push(`${name}_sum${labelText(labels)} ${fmtNum(sum)}`, `${name}_count${labelText(labels)} ${count}`);
      }
      if (!lines.length) continue;
      out.push(`# HELP ${name} ${HELP[name] ?? name.replace(/_/g, ' ')}`, `# TYPE ${name} histogram`, ...lines);
    }
  }
}
